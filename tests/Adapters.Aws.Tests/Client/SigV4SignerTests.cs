using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// Our SigV4 signatures (AWSSDK.Core's signer) equal those of the official JavaScript signer
/// (@smithy/signature-v4) for the same request, credentials and clock, including temporary credentials.
/// </summary>
public class SigV4SignerTests
{
    private static readonly AwsCredentials s_temporary = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE/token+with=chars");
    private static readonly DateTime s_clock = new(2026, 11, 26, 12, 34, 56, DateTimeKind.Utc);

    public static TheoryData<string, string, string?> Requests() => new()
    {
        { "PUT", "https://appmesh.us-east-1.amazonaws.com/v20190125/meshes/shop/virtualNodes", """{"virtualNodeName":"orders-shop-v1","spec":{}}""" },
        { "GET", "https://appmesh.us-east-1.amazonaws.com/v20190125/meshes/shop/virtualRouter/orders-shop/routes?limit=100&nextToken=a%2Fb%3D%3D", null },
        { "DELETE", "http://127.0.0.1:8443/v20190125/meshes/shop/virtualNodes/orders-shop-v1?meshOwner=123456789012", null },
        { "PUT", "https://appmesh.eu-west-1.amazonaws.com/v20190125/tag?resourceArn=arn%3Aaws%3Aappmesh%3Aeu-west-1%3A123456789012%3Amesh%2Fshop", """{"tags":[{"key":"k","value":"v"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Sign_MatchesTheOfficialSigner(string method, string url, string? body)
    {
        foreach (var credentials in new[] { s_temporary, s_temporary with { SessionToken = null } })
        {
            var region = new Uri(url).Host.Split('.') is { Length: > 2 } parts ? parts[1] : "us-east-1";
            var bytes = Encoding.UTF8.GetBytes(body ?? "");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (body is not null)
                request.Content = new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } };
            request.Headers.Host = new Uri(url).Authority;

            new SigV4Signer("appmesh", region).Sign(request, bytes, credentials, s_clock);

            var ours = Headers(request);
            var official = OfficialSignature(request, body, region, credentials, ours);
            Assert.Equal("20261126T123456Z", ours["x-amz-date"]);
            Assert.Equal(official["x-amz-date"], ours["x-amz-date"]);
            Assert.Equal(official["authorization"], ours["authorization"]);
            Assert.Equal(credentials.SessionToken, ours.GetValueOrDefault("x-amz-security-token"));
            Assert.Equal(credentials.SessionToken, official.GetValueOrDefault("x-amz-security-token"));
        }
    }

    [Fact]
    public void Credentials_NeverPrintTheirSecrets()
    {
        var text = s_temporary.ToString();

        Assert.DoesNotContain(s_temporary.SecretAccessKey, text);
        Assert.DoesNotContain(s_temporary.SessionToken!, text);
        Assert.Contains("AKIDEXAMPLE", text);
    }

    private static Dictionary<string, string> Headers(HttpRequestMessage request) =>
        request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    private static Dictionary<string, string> OfficialSignature(HttpRequestMessage request, string? body, string region, AwsCredentials credentials, Dictionary<string, string> sent)
    {
        var uri = request.RequestUri!;
        var query = new JsonObject();
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            query[Uri.UnescapeDataString(pair[0])] = pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : "";
        }
        var headers = new JsonObject();
        foreach (var (name, value) in sent)
            headers[name] = value;
        var input = new JsonObject
        {
            ["method"] = request.Method.Method,
            ["protocol"] = uri.Scheme + ":",
            ["hostname"] = uri.Host,
            ["port"] = uri.IsDefaultPort ? null : uri.Port,
            ["path"] = uri.AbsolutePath,
            ["query"] = query,
            ["headers"] = headers,
            ["body"] = body ?? "",
            ["region"] = region,
            ["service"] = "appmesh",
            ["credentials"] = new JsonObject
            {
                ["accessKeyId"] = credentials.AccessKeyId,
                ["secretAccessKey"] = credentials.SecretAccessKey,
                ["sessionToken"] = credentials.SessionToken,
            },
            ["signingDate"] = sent["x-amz-date"],
        };
        var (exit, stdout, stderr) = NodeToolServer.Run("aws", "@smithy/signature-v4", "sigv4.mjs", [], input.ToJsonString());
        Assert.True(exit == 0, stderr);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stdout)!
            .ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value);
    }
}
