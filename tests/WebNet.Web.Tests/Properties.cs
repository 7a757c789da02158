// Runs train on the CPU of a small shared machine: one test class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
