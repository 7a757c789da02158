using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebNet.Web.Options;
using WebNet.Web.Tests.Infrastructure;
using WebNet.Web.Training;

namespace WebNet.Web.Tests;

/// <summary>Training borrows the core left for requests while none come, and a request takes it back as it arrives.</summary>
public sealed class IdleCoreBudgetTests
{
    [Fact]
    public void TheBudgetRisesOnceNothingHasHappenedForTheQuietTimeAndDropsAtTheNextTouch()
    {
        var clock = new ManualClock();
        var budget = new IdleCoreBudget(busyThreads: 1, idleThreads: 2, TimeSpan.FromSeconds(1), clock);

        Assert.Equal(1, budget.Threads); // just started: the page's first loads keep their core
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, budget.Threads);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, budget.Threads);

        budget.Touch();
        Assert.Equal(1, budget.Threads);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, budget.Threads);
    }

    [Theory]
    [InlineData(0, true, 4, 3, 4)]
    [InlineData(0, false, 4, 3, 3)]
    [InlineData(2, true, 4, 2, 2)]
    [InlineData(0, true, 1, 1, 1)]
    public void TheOptionsDecideWhatIsLent(int cpuThreads, bool useIdleCore, int cores, int busy, int idle)
    {
        var host = new TrainingHostOptions { CpuThreads = cpuThreads, UseIdleCore = useIdleCore };
        var budget = IdleCoreBudget.For(host, cores, new ManualClock());
        Assert.Equal((busy, idle), (budget.BusyThreads, budget.IdleThreads));
    }

    [Fact]
    public async Task ARequestToTheAppTakesTheLentCoreBackAsItArrives()
    {
        var clock = new ManualClock();
        using var factory = new WebNetFactory();
        factory.Settings["WebNet:Training:CpuThreads"] = "0";
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = app.CreateClient();
        var budget = app.Services.GetRequiredService<IdleCoreBudget>();
        var seenInRequest = 0;
        budget.Touch();

        clock.Advance(TimeSpan.FromSeconds(2));
        var lent = budget.Threads;
        using (var response = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            seenInRequest = budget.Threads;
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Equal(budget.IdleThreads, lent);
        Assert.Equal(budget.BusyThreads, seenInRequest);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(budget.IdleThreads, budget.Threads);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Volatile.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
