// One accelerator at a time, as the app uses them: two ILGPU CPU accelerators running kernels at once in one
// process corrupted a parameter of the other (a parity case failed only when other test classes ran beside it).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
