// Each collection runs its own app and trains on a small shared machine: one collection at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
