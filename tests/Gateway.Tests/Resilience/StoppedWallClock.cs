namespace MeshFed.Gateway.Tests;

/// <summary>
/// A clock whose date and time stand still at <paramref name="now"/> while its timers and timestamps run on the
/// system's. For counts kept per wall-clock second (the retry budget) in a test whose requests also wait on real
/// timers (Polly's retry backoff): a <c>FakeTimeProvider</c> would stop those timers, and the system clock would let
/// the counts move to a new window when the machine is slow.
/// </summary>
public sealed class StoppedWallClock(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
