using Google.Apis.Auth.OAuth2;
using MeshFed.Adapters.Gcp.Telemetry;

namespace MeshFed.Adapters.Gcp.Tests.Telemetry;

/// <summary>A credential lookup that failed is looked up again later, not remembered as failed until restart (R2).</summary>
public class GoogleAccessTokensTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task FailedLookup_IsRetriedAfterTheBackoff_ThenKept()
    {
        var time = new ManualTime();
        var lookups = 0;
        var tokens = GoogleAccessTokens.FromResolver(_ =>
        {
            lookups++;
            return lookups == 1
                ? Task.FromException<GoogleCredential>(new InvalidOperationException("metadata server not ready"))
                : Task.FromResult(GoogleCredential.FromAccessToken("ya29.test"));
        }, TimeSpan.FromSeconds(30), time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => tokens(CancellationToken.None));
        time.Now += TimeSpan.FromSeconds(10);
        await Assert.ThrowsAsync<InvalidOperationException>(() => tokens(CancellationToken.None)); // within the backoff: not asked again
        Assert.Equal(1, lookups);

        time.Now += TimeSpan.FromSeconds(25);
        Assert.Equal("ya29.test", await tokens(CancellationToken.None));
        Assert.Equal("ya29.test", await tokens(CancellationToken.None));
        Assert.Equal(2, lookups);
    }
}
