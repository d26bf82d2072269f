using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Signing;

namespace MeshFed.Adapters.Aws.Tests.Signing;

/// <summary>
/// The verifier <c>meshfed up</c>'s loopback Lattice runs: a request the signer signed passes, and every change
/// an attacker or a bug could make (another secret, key, region, service, path, query, host, payload hash, a stale
/// time, no signature) is refused.
/// </summary>
public sealed class UnsignedPayloadVerifierTests
{
    private static readonly AwsCredentials s_key = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    private static string? Verify(Action<HttpRequestMessage>? tamper = null, AwsCredentials? signWith = null, DateTimeOffset? signedAt = null,
        string region = "us-east-1", string service = "vpc-lattice-svcs", string url = "http://checkout.shop.svc.cluster.local:8080/api/orders?b=2&a=1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        new UnsignedPayloadSigner(service, region).Sign(request, signWith ?? s_key, signedAt ?? s_now);
        tamper?.Invoke(request);
        var verifier = new UnsignedPayloadVerifier("vpc-lattice-svcs", "us-east-1", key => key == s_key.AccessKeyId ? s_key : null, new FixedTime(s_now.AddMinutes(1)));
        return verifier.Refusal(request.Method.Method, request.RequestUri!, name => name == "Host"
            ? request.Headers.Host ?? request.RequestUri!.Authority
            : request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null);
    }

    [Fact]
    public void Refusal_AsSigned_IsNone() => Assert.Null(Verify());

    [Fact]
    public void Refusal_TemporaryCredentialsWithTheirToken_IsNone()
    {
        var session = s_key with { SessionToken = "token" };
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://a.b.svc.cluster.local/x");
        new UnsignedPayloadSigner("vpc-lattice-svcs", "us-east-1").Sign(request, session, s_now);
        var verifier = new UnsignedPayloadVerifier("vpc-lattice-svcs", "us-east-1", _ => session, new FixedTime(s_now));

        Assert.Null(verifier.Refusal("GET", request.RequestUri!, name => name == "Host" ? request.RequestUri!.Authority
            : request.Headers.TryGetValues(name, out var values) ? values.Single() : null));
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("key")]
    [InlineData("region")]
    [InlineData("service")]
    [InlineData("stale")]
    [InlineData("path")]
    [InlineData("query")]
    [InlineData("host")]
    [InlineData("payload")]
    [InlineData("unsigned")]
    public void Refusal_AnythingChanged_IsRefused(string change)
    {
        var refusal = change switch
        {
            "secret" => Verify(signWith: s_key with { SecretAccessKey = "guess" }),
            "key" => Verify(signWith: s_key with { AccessKeyId = "AKIDOTHER" }),
            "region" => Verify(region: "eu-west-1"),
            "service" => Verify(service: "vpc-lattice"),
            "stale" => Verify(signedAt: s_now.AddMinutes(-10)),
            "path" => Verify(r => r.RequestUri = new Uri("http://checkout.shop.svc.cluster.local:8080/admin?b=2&a=1")),
            "query" => Verify(r => r.RequestUri = new Uri("http://checkout.shop.svc.cluster.local:8080/api/orders?b=3&a=1")),
            "host" => Verify(r => r.Headers.Host = "payments.shop.svc.cluster.local:8080"),
            "payload" => Verify(r => { r.Headers.Remove("x-amz-content-sha256"); r.Headers.TryAddWithoutValidation("x-amz-content-sha256", new string('0', 64)); }),
            _ => Verify(r => r.Headers.Remove("Authorization")),
        };

        Assert.NotNull(refusal);
        Assert.DoesNotContain(s_key.SecretAccessKey, refusal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
