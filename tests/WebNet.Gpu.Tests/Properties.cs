// One accelerator at a time, as the app uses them. (This once blamed two ILGPU CPU accelerators side by side for a
// corrupted parameter; the cause was the backend's unpinned host copies. With those pinned, 25 runs with the classes in
// parallel all passed, and took no less time on two cores.)
[assembly: CollectionBehavior(DisableTestParallelization = true)]
