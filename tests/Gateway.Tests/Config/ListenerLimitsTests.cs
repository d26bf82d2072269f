using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Config;

namespace MeshFed.Gateway.Tests;

/// <summary>Idle and surplus connections cannot hold the gateway's sockets (E6).</summary>
public class ListenerLimitsTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    private static LocalFederationOptions With(ListenerLimits limits) => new()
    {
        TypicalLatency = false,
        ConfigureGateway = settings => settings with { Limits = limits },
    };

    // Reads until the server closes the connection (0 bytes or a reset), up to the deadline; how long that took.
    private static async Task<TimeSpan?> ClosedWithinAsync(TcpClient tcp, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(deadline);
        var buffer = new byte[64];
        try
        {
            while (await tcp.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }
            return watch.Elapsed;
        }
        catch (IOException)
        {
            return watch.Elapsed; // reset by the server: closed too
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("")] // sends nothing at all
    [InlineData("PRI * HTTP/2.0\r\n")] // the start of the HTTP/2 preface, then nothing
    public async Task IdleLocalConnection_IsClosedAfterTheDetectionTimeout(string firstBytes)
    {
        await using var f = await TestFederation.StartAsync(Mesh, With(new ListenerLimits { ProtocolDetectionTimeout = TimeSpan.FromMilliseconds(500) }));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, f.Federation.Gateways["a"].LocalEndpoint.Port);
        if (firstBytes.Length > 0)
            await tcp.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(firstBytes));

        var closedAfter = await ClosedWithinAsync(tcp, TimeSpan.FromSeconds(10));
        Assert.NotNull(closedAfter);
        Assert.True(closedAfter >= TimeSpan.FromMilliseconds(300), $"closed after {closedAfter}, before the client had its time");
    }

    [Fact]
    public async Task LocalConnection_ThatStartsInTime_IsServed()
    {
        await using var f = await TestFederation.StartAsync(Mesh, With(new ListenerLimits { ProtocolDetectionTimeout = TimeSpan.FromMilliseconds(500) }));
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("a", "api")).StatusCode);
    }

    [Fact]
    public async Task ConnectionsBeyondTheCap_AreClosed()
    {
        await using var f = await TestFederation.StartAsync(Mesh, With(new ListenerLimits { LocalMaxConnections = 2 }));
        var port = f.Federation.Gateways["a"].LocalEndpoint.Port;
        using var first = new TcpClient();
        using var second = new TcpClient();
        using var third = new TcpClient();
        using var connections = new KestrelConnections(port);
        await first.ConnectAsync(IPAddress.Loopback, port);
        await second.ConnectAsync(IPAddress.Loopback, port);
        // Kestrel has counted both before the third arrives (its own metric, not a guessed delay).
        for (var deadline = DateTime.UtcNow.AddSeconds(10); connections.Opened < 2 && DateTime.UtcNow < deadline;)
            await Task.Delay(20);
        Assert.Equal(2, connections.Opened);
        await third.ConnectAsync(IPAddress.Loopback, port);

        Assert.NotNull(await ClosedWithinAsync(third, TimeSpan.FromSeconds(5)));
        // The first is still served: it answers a request (rather than "not closed within 300 ms").
        Assert.StartsWith("HTTP/1.1 404", await AnswerOnAsync(first));
    }

    // One HTTP/1.1 request on an open connection (a host the gateway does not serve: answered 404 at once); the status line.
    private static async Task<string> AnswerOnAsync(TcpClient tcp)
    {
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: nope.invalid\r\n\r\n"u8.ToArray());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        var read = 0;
        while (read < 12 && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is var n and > 0)
            read += n;
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }
}
