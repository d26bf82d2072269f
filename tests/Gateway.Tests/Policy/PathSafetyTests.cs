using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Paths a backend could read differently from the allow rules (encoded slashes, backslashes, <c>;</c>
/// parameters) are refused before any rule matches; every other path reaches the backend as it was matched.
/// </summary>
public class PathSafetyTests(PathSafetyTests.Loopback loopback) : IClassFixture<PathSafetyTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: orders
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }]
            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [orders]
                    paths: [/stock/*]
        """;

    private const string Orders = "spiffe://cluster.local/ns/default/sa/orders";

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => PathSafetyTests.Mesh;
    }

    // Raw HTTP/1.1, so that no client library rewrites the path on the way.
    private static async Task<(int Status, string Body)> RawGetAsync(TestFederation f, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, f.Federation.Gateways["a"].LocalEndpoint.Port);
        var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: stock\r\nx-forwarded-client-cert: URI={Orders}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var status = int.Parse(text.Split(' ', 3)[1]);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return (status, body);
    }

    [Theory]
    [InlineData("/stock/..%2Fadmin")]
    [InlineData("/stock/..%2fadmin")]
    [InlineData("/stock/..%5Cadmin")]
    [InlineData("/stock/..%5cadmin")]
    [InlineData("/stock/..;/admin")]
    [InlineData("/stock/1;jsessionid=x")]
    [InlineData("/stock/..%252Fadmin")]
    public async Task AmbiguousPath_IsRefused400_BeforeAllowRules(string path)
    {
        var f = loopback.Federation;
        // The tests of a class run one at a time: what stock served meanwhile is this request's doing.
        var stock = f.Federation.Workload("stock", "b", "v1");
        var servedBefore = stock.Served;
        var (status, body) = await RawGetAsync(f, path);
        Assert.True(status == 400, $"{path}: {status} {body}");
        Assert.Equal(servedBefore, stock.Served);
    }

    [Theory]
    [InlineData("/stock/1", "/stock/1")]
    [InlineData("/stock/a%20b", "/stock/a b")]
    public async Task PlainPath_ReachesTheBackendAsMatched(string path, string matched)
    {
        var response = await loopback.Federation.SendAsync("a", "stock", path, caller: Orders);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal(matched, JsonDocument.Parse(body).RootElement.GetProperty("path").GetString());
    }
}
