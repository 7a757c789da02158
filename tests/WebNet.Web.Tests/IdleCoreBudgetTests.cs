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
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IMachineCpu>(new ScriptedCpu(readable: false))));
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

    [Fact]
    public void TheCoreIsLentOnlyWhileOtherProcessesLeftACoreIdleAtTheLastReading()
    {
        var clock = new ManualClock();
        var machine = new ScriptedCpu();
        var budget = new IdleCoreBudget(busyThreads: 1, idleThreads: 2, TimeSpan.FromSeconds(1), clock, machine, minFreeCores: 0.75);
        clock.Advance(TimeSpan.FromSeconds(1));

        // Two cores over a quarter second are 50 ticks: training's own thread took 25 of them.
        Assert.Equal(1, budget.Threads); // the first reading: nothing to compare it with yet
        Assert.Equal(1, machine.Reads);
        machine.Pass(idle: 25, self: 25, others: 0);
        clock.Advance(IdleCoreBudget.ReadEvery);
        Assert.Equal(2, budget.Threads);

        // Another process took the other core: lending stops at the next reading, not before it.
        machine.Pass(idle: 0, self: 25, others: 25);
        clock.Advance(IdleCoreBudget.ReadEvery / 2);
        Assert.Equal(2, budget.Threads);
        Assert.Equal(2, machine.Reads);
        clock.Advance(IdleCoreBudget.ReadEvery / 2);
        Assert.Equal(1, budget.Threads);
        Assert.Equal(3, machine.Reads);

        // 10 of 50 ticks to others are 0.4 cores, leaving 0.6 beside the busy thread: not enough.
        machine.Pass(idle: 10, self: 30, others: 10);
        clock.Advance(IdleCoreBudget.ReadEvery);
        Assert.Equal(1, budget.Threads);

        // A lent worker's time is this process's, not another's: nothing idle, but others took only 0.2 cores.
        machine.Pass(idle: 0, self: 45, others: 5);
        clock.Advance(IdleCoreBudget.ReadEvery);
        Assert.Equal(2, budget.Threads);

        // A request still takes it back at once, readings or not.
        budget.Touch();
        Assert.Equal(1, budget.Threads);
        Assert.Equal(5, machine.Reads);
    }

    [Fact]
    public void WithoutTheMachinesCountersTheCoreIsLentOnRequestsAlone()
    {
        var clock = new ManualClock();
        var budget = new IdleCoreBudget(busyThreads: 1, idleThreads: 2, TimeSpan.FromSeconds(1), clock, new ScriptedCpu(readable: false));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, budget.Threads);
    }

    /// <summary>A two-core machine whose counters move only as the test says.</summary>
    private sealed class ScriptedCpu(bool readable = true) : IMachineCpu
    {
        private CpuTicks _now = new(1_000, 500, 100);

        public int Reads { get; private set; }

        public int Cores => 2;

        public void Pass(long idle, long self, long others) => _now = new(_now.Total + idle + self + others, _now.Idle + idle, _now.Self + self);

        public bool TryRead(out CpuTicks ticks)
        {
            Reads++;
            ticks = _now;
            return readable;
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Volatile.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
