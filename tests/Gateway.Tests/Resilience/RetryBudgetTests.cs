using MeshFed.Gateway.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace MeshFed.Gateway.Tests;

/// <summary>The retry budget: a share of the last window's requests plus a floor, forgotten as the window moves.</summary>
public class RetryBudgetTests
{
    private static int RetriesAllowed(RetryBudget budget)
    {
        var allowed = 0;
        while (budget.TryRetry())
            allowed++;
        return allowed;
    }

    [Fact]
    public void AllowsTheFloorPlusAShareOfRecentRequests()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var budget = new RetryBudget(ratio: 0.2, minPerSecond: 1, windowSeconds: 10, time: clock);
        for (var i = 0; i < 1000; i++)
            budget.RecordRequest();
        // Floor 1/s over 10 s = 10, plus 20 % of 1000.
        Assert.Equal(210, RetriesAllowed(budget));
    }

    [Fact]
    public void ForgetsRequestsAndRetriesOlderThanTheWindow()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var budget = new RetryBudget(ratio: 0.2, minPerSecond: 1, windowSeconds: 10, time: clock);
        for (var i = 0; i < 1000; i++)
            budget.RecordRequest();
        Assert.Equal(210, RetriesAllowed(budget));

        // 25 s later nothing of that second is left in the window: only the floor, not a budget built on old traffic.
        clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(10, RetriesAllowed(budget));
    }

    [Fact]
    public void CountsEveryRequestFromManyThreads()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1));
        var budget = new RetryBudget(ratio: 1.0, minPerSecond: 0, windowSeconds: 10, time: clock);
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
                budget.RecordRequest();
        });
        Assert.Equal(80_000, RetriesAllowed(budget));
    }
}
