using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Tests.Client;

/// <summary>Credentials are fetched once, again in the background before expiry, and waited for only once expired.</summary>
public class RefreshingCredentialsTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RotatingSource(ManualTime time)
    {
        public int Fetches;

        public Task<ExpiringCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref Fetches);
            return Task.FromResult(new ExpiringCredentials(new AwsCredentials($"AKID{n}", $"secret{n}", $"token{n}"), time.Now + TimeSpan.FromMinutes(15)));
        }
    }

    [Fact]
    public async Task CurrentAsync_BeforeTheRefreshWindow_FetchesOnce()
    {
        var time = new ManualTime(s_start);
        var source = new RotatingSource(time);
        var credentials = new RefreshingCredentials(source.FetchAsync, time);

        for (var i = 0; i < 10; i++)
            Assert.Equal("AKID1", (await credentials.CurrentAsync()).AccessKeyId);

        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public async Task CurrentAsync_InTheRefreshWindow_KeepsTheCurrentOnesAndRefreshesOnce()
    {
        var time = new ManualTime(s_start);
        var source = new RotatingSource(time);
        var credentials = new RefreshingCredentials(source.FetchAsync, time);
        await credentials.CurrentAsync();

        time.Now = s_start + TimeSpan.FromMinutes(11); // 4 minutes before expiry
        Assert.Equal("AKID1", (await credentials.CurrentAsync()).AccessKeyId);
        await WaitUntil(() => source.Fetches == 2);
        Assert.Equal("AKID2", (await credentials.CurrentAsync()).AccessKeyId);
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public async Task CurrentAsync_Expired_WaitsForNewOnes()
    {
        var time = new ManualTime(s_start);
        var source = new RotatingSource(time);
        var credentials = new RefreshingCredentials(source.FetchAsync, time);
        await credentials.CurrentAsync();

        time.Now = s_start + TimeSpan.FromMinutes(16);

        Assert.Equal("AKID2", (await credentials.CurrentAsync()).AccessKeyId);
    }

    [Fact]
    public async Task CurrentAsync_NoCredentials_FailsWithTheReasonAndRetriesNextTime()
    {
        var time = new ManualTime(s_start);
        var attempts = 0;
        var credentials = new RefreshingCredentials(_ => ++attempts == 1
            ? Task.FromException<ExpiringCredentials>(new InvalidOperationException("no AWS credentials found"))
            : Task.FromResult(new ExpiringCredentials(new AwsCredentials("AKID", "secret"), null)), time);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await credentials.CurrentAsync());
        Assert.Contains("no AWS credentials", error.Message);
        Assert.Equal("AKID", (await credentials.CurrentAsync()).AccessKeyId);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition());
    }
}
