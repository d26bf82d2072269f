using MeshFed.Gateway.Watching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace MeshFed.Gateway.Tests;

/// <summary>The one file-watching mechanism of manifest and trust: its poll runs on the injected clock, and a failing consumer cannot stop it.</summary>
public sealed class FileWatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ThePoll_FiresOnTheInjectedClock_EveryInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var watch = new FileWatch(_dir, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(300), time, NullLogger.Instance);
        var fired = 0;
        using var _ = ChangeToken.OnChange(watch.GetChangeToken, () => Interlocked.Increment(ref fired));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        time.Advance(TimeSpan.FromMinutes(1)); // the consumer was registered again on a new token
        Assert.Equal(2, fired);
    }

    [Fact]
    public void AConsumerThatThrows_DoesNotStopTheWatch()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var watch = new FileWatch(_dir, TimeSpan.FromMinutes(1), TimeSpan.Zero, time, NullLogger.Instance);
        var calls = 0;
        using var _ = ChangeToken.OnChange(watch.GetChangeToken, () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                throw new InvalidOperationException("consumer bug");
        });

        var escaped = Record.Exception(() => time.Advance(TimeSpan.FromMinutes(1)));
        Assert.Null(escaped);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, calls);
    }
}
