using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Signing;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Signing;

/// <summary>
/// Our SigV4 for VPC Lattice services (<c>vpc-lattice-svcs</c>, unsigned payload) equals the official JavaScript
/// signer's (@smithy/signature-v4) for the same request, credentials and clock: paths that need encoding, dot
/// segments and empty segments, unsorted and encoded query parameters, ports, temporary credentials, and headers
/// that are carried but not signed.
/// </summary>
public class UnsignedPayloadSignerTests
{
    private static readonly AwsCredentials s_temporary = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars");
    private static readonly DateTimeOffset s_clock = new(2026, 12, 2, 10, 34, 56, TimeSpan.Zero);

    /// <summary>Method, scheme://host[:port], wire path, decoded query (name → values).</summary>
    public static TheoryData<string, string, string, string> Requests() => new()
    {
        { "GET", "https://orders.shop.svc.cluster.local", "/orders/42", "" },
        { "POST", "http://orders.shop.svc.cluster.local:8080", "/orders", "" },
        { "GET", "https://checkout.shop.svc.cluster.local:8443", "/a%20b/caf%C3%A9/x%2Fy", "" },
        { "DELETE", "https://orders.shop.svc.cluster.local", "/a/./b/../c//d/", "" },
        { "GET", "https://orders.shop.svc.cluster.local", "/search", "z=last&a=first&a=again&m=a b+c/d&empty=&flag" },
        { "PUT", "https://orders.shop.svc.cluster.local", "/x:y@z;p=1", "k%3D=v%26w&%E2%9C%93=%F0%9F%98%80" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Sign_MatchesTheOfficialSigner(string method, string authority, string path, string query)
    {
        foreach (var credentials in new[] { s_temporary, s_temporary with { SessionToken = null } })
        {
            var decoded = Decode(query);
            var url = authority + path + (decoded.Count == 0 ? "" : "?" + string.Join('&', decoded.SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v)}"))));
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            request.Headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            request.Headers.TryAddWithoutValidation("content-type", "application/json");

            new UnsignedPayloadSigner(LatticeSigningHandler.SigningName, "us-west-2").Sign(request, credentials, s_clock);

            var ours = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
            var official = Official(request.RequestUri!, method, decoded, credentials);
            Assert.Equal("20261202T103456Z", ours["x-amz-date"]);
            Assert.Equal("UNSIGNED-PAYLOAD", ours["x-amz-content-sha256"]);
            Assert.Equal(official["x-amz-date"], ours["x-amz-date"]);
            Assert.Equal(official["authorization"], ours["authorization"]);
            Assert.Equal(credentials.SessionToken, ours.GetValueOrDefault("x-amz-security-token"));
        }
    }

    [Fact]
    public void Sign_Twice_ReplacesTheFirstSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://orders.shop.svc.cluster.local/orders");
        var signer = new UnsignedPayloadSigner(LatticeSigningHandler.SigningName, "us-west-2");

        signer.Sign(request, s_temporary, s_clock);
        signer.Sign(request, s_temporary with { SessionToken = null }, s_clock.AddSeconds(1));

        Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.Single(request.Headers.GetValues("x-amz-date"), "20261202T103457Z");
        Assert.False(request.Headers.Contains("x-amz-security-token"));
    }

    [Fact]
    public void Sign_SameDayAndCredentials_DerivesTheKeyOnce()
    {
        // The key is four HMACs; deriving it per request would show as allocations of a few hundred bytes each.
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://orders.shop.svc.cluster.local:8443/orders/42");
        var signer = new UnsignedPayloadSigner(LatticeSigningHandler.SigningName, "us-west-2");
        signer.Sign(request, s_temporary, s_clock);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            signer.Sign(request, s_temporary, s_clock.AddSeconds(i));
        var perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        var rotated = s_temporary with { AccessKeyId = "AKIDROTATED" };
        signer.Sign(request, rotated, s_clock);
        Assert.Contains("Credential=AKIDROTATED/20261202/us-west-2/vpc-lattice-svcs/aws4_request", request.Headers.GetValues("Authorization").Single());
        signer.Sign(request, rotated, s_clock.AddDays(1));
        Assert.Contains("Credential=AKIDROTATED/20261203/us-west-2/vpc-lattice-svcs/aws4_request", request.Headers.GetValues("Authorization").Single());
        Assert.True(perRequest < 2048, $"{perRequest} bytes per signature");
    }

    private static Dictionary<string, List<string>> Decode(string query)
    {
        var pairs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            var name = Uri.UnescapeDataString(pair[0]);
            if (!pairs.TryGetValue(name, out var values))
                pairs[name] = values = [];
            values.Add(pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "");
        }
        return pairs;
    }

    private static Dictionary<string, string> Official(Uri uri, string method, Dictionary<string, List<string>> query, AwsCredentials credentials)
    {
        var queryJson = new JsonObject();
        foreach (var (name, values) in query)
            queryJson[name] = values.Count == 1 ? values[0] : new JsonArray([.. values.Select(v => (JsonNode)v)]);
        var input = new JsonObject
        {
            ["method"] = method,
            ["protocol"] = uri.Scheme + ":",
            ["hostname"] = uri.Host,
            ["port"] = uri.IsDefaultPort ? null : uri.Port,
            ["path"] = uri.AbsolutePath,
            ["query"] = queryJson,
            ["headers"] = new JsonObject
            {
                ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
                ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                ["content-type"] = "application/json",
            },
            ["unsignableHeaders"] = new JsonArray("traceparent", "content-type"),
            ["region"] = "us-west-2",
            ["credentials"] = new JsonObject
            {
                ["accessKeyId"] = credentials.AccessKeyId,
                ["secretAccessKey"] = credentials.SecretAccessKey,
                ["sessionToken"] = credentials.SessionToken,
            },
            ["signingDate"] = "20261202T103456Z",
        };
        var (exit, stdout, stderr) = NodeToolServer.Run("lattice", "@smithy/signature-v4", "sigv4.mjs", [], input.ToJsonString());
        Assert.True(exit == 0, stderr);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stdout)!.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
    }
}
