using System.Runtime;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Tests.Cli;

/// <summary>
/// One-shot commands run with the collector in batch mode (no background collections). Commands overlap in one
/// process (these tests run beside others), so the mode stays batch until the last command ends. What the mode is
/// after every command ended is not asserted here: another test's command may be running at that moment.
/// </summary>
public sealed class OneShotCollectionTests
{
    [Fact]
    public void Run_CommandSeesBatchMode()
    {
        Assert.Equal(GCLatencyMode.Batch, OneShotCollection.Run(() => GCSettings.LatencyMode));
    }

    [Fact]
    public async Task RunAsync_CommandSeesBatchModeAcrossAwaits()
    {
        var mode = await OneShotCollection.RunAsync(async () =>
        {
            await Task.Yield();
            return GCSettings.LatencyMode;
        });
        Assert.Equal(GCLatencyMode.Batch, mode);
    }

    [Fact]
    public void Run_AnOverlappingCommandEnding_LeavesTheOtherInBatchMode()
    {
        var after = OneShotCollection.Run(() =>
        {
            OneShotCollection.Run(() => 0);
            return GCSettings.LatencyMode;
        });
        Assert.Equal(GCLatencyMode.Batch, after);
    }

    [Fact]
    public void Run_CommandFails_ExceptionPassesThrough()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => OneShotCollection.Run<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", thrown.Message);
    }
}
