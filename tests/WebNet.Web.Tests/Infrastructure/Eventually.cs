namespace WebNet.Web.Tests.Infrastructure;

/// <summary>Waits for a condition by polling, failing with a message after a generous timeout (never a fixed sleep).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var last = default(T);
        while (!cancel.IsCancellationRequested)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(25, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? DefaultTimeout));
        return finished == task ? await task : throw new TimeoutException($"Timed out waiting for {what}.");
    }

    public static async Task WithTimeout(this Task task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? DefaultTimeout));
        if (finished != task)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }

        await task;
    }
}
