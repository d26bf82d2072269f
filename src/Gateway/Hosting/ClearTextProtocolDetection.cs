using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Lets the local listener take HTTP/1.1 and prior-knowledge HTTP/2 (h2c) on one cleartext port, as the meshes
/// send them: Envoy speaks h2c to the gateway for gRPC and HTTP/2 services (App Mesh <c>http2</c> listeners,
/// Istio <c>grpc</c> ports) and HTTP/1.1 for the rest. Kestrel picks one protocol per cleartext endpoint (with
/// both enabled it always picks HTTP/1.1, there being no ALPN), so the endpoint is HTTP/1.1 and each
/// connection's first bytes decide: the HTTP/2 connection preface switches that connection to HTTP/2.
/// </summary>
/// <remarks>
/// Kestrel has no public API for this: the feature request is open (https://github.com/dotnet/aspnetcore/issues/56984,
/// proposed in https://github.com/dotnet/aspnetcore/pull/67782). The choice is therefore handed to Kestrel through its
/// per-connection protocols feature, an internal type found by name. Kestrel ships in the shared framework and is
/// serviced in place, so whether this still works is not assumed: <see cref="ProblemServingH2cAsync"/> proves it at
/// start with a real h2c connection, and the gateway refuses to start (and a reload is refused) when a service it
/// serves needs h2c and the proof fails, naming the problem, instead of silently answering h2c with HTTP/1.1.
/// </remarks>
public static class ClearTextProtocolDetection
{
    private static readonly byte[] s_http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    // The client preface followed by an empty SETTINGS frame (RFC 9113 section 3.4: the preface "MUST be followed
    // by a SETTINGS frame"; section 6.5: 9-byte header, length 0, type 0x4, no flags, stream 0).
    private static readonly byte[] s_probe = [.. s_http2Preface, 0, 0, 0, 0x4, 0, 0, 0, 0, 0];

    private static readonly Type? s_protocolsFeature = typeof(KestrelServerOptions).Assembly
        .GetType("Microsoft.AspNetCore.Server.Kestrel.Core.Internal.HttpProtocolsFeature", throwOnError: false);

    private static readonly object? s_http1 = Create(HttpProtocols.Http1);
    private static readonly object? s_http2 = Create(HttpProtocols.Http2);

    /// <summary>Whether this Kestrel has the per-connection protocols feature the detection sets.</summary>
    public static bool IsAvailable => s_http1 is not null && s_http2 is not null;

    /// <summary>
    /// Adds the detection to a cleartext HTTP/1.1 endpoint. A connection that has not told its protocol within
    /// <paramref name="timeout"/> is aborted: Kestrel's own timeouts (request headers, keep-alive) start only once
    /// the protocol is chosen, so without this bound a client that sends nothing holds its socket forever (E6).
    /// </summary>
    public static ListenOptions UseClearTextProtocolDetection(this ListenOptions listen, TimeSpan timeout)
    {
        if (!IsAvailable)
            return listen;
        listen.Use(next => async connection =>
        {
            bool? http2;
            using (var bound = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                bound.CancelAfter(timeout);
                http2 = await StartsWithHttp2Preface(connection.Transport.Input, bound.Token).ConfigureAwait(false);
            }
            if (http2 is null)
            {
                // Timed out, or the client went away: nothing to serve either way.
                connection.Abort(new ConnectionAbortedException("The client did not start HTTP/1.1 or HTTP/2 in time."));
                return;
            }
            connection.Features[s_protocolsFeature!] = http2.Value ? s_http2 : s_http1;
            await next(connection).ConfigureAwait(false);
        });
        return listen;
    }

    /// <summary>
    /// Reads (without consuming) until the bytes either are the HTTP/2 preface or cannot be; null when
    /// <paramref name="cancellationToken"/> fired first.
    /// </summary>
    internal static async Task<bool?> StartsWithHttp2Preface(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            var verdict = Compare(result.Buffer);
            if (verdict is not null || result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(result.Buffer.Start);
                return verdict ?? false;
            }
            // Examined everything, consumed nothing: the next read waits for more bytes instead of spinning.
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    // True: the whole preface is there; false: a byte differs; null: a prefix of it so far.
    private static bool? Compare(ReadOnlySequence<byte> buffer)
    {
        var position = 0;
        foreach (var segment in buffer)
        {
            foreach (var value in segment.Span)
            {
                if (value != s_http2Preface[position])
                    return false;
                if (++position == s_http2Preface.Length)
                    return true;
            }
        }
        return null;
    }

    private static object? Create(HttpProtocols protocols)
    {
        if (s_protocolsFeature is null)
            return null;
        try
        {
            return Activator.CreateInstance(s_protocolsFeature, protocols);
        }
        catch (Exception e) when (e is MissingMethodException or ArgumentException or System.Reflection.TargetInvocationException)
        {
            return null; // a Kestrel whose feature takes something else: detection off, and the start-up proof fails
        }
    }

    /// <summary>Why a gateway whose local listener cannot take h2c (<paramref name="problem"/>) refuses a plan with h2c <paramref name="ports"/>.</summary>
    public static string Refusal(string problem, IReadOnlyList<string> ports) =>
        $"the local listener cannot take h2c ({problem}), but the mesh sends h2c to {string.Join(", ", ports.Take(5))}"
        + (ports.Count > 5 ? $" and {ports.Count - 5} more" : "")
        + " (gRPC and HTTP/2 ports). Run the gateway on the ASP.NET Core runtime it was built and tested with (pin the runtime image by"
        + " digest, not the floating aspnet:10.0 tag), or remove those ports from the services this site reaches.";

    /// <summary>
    /// Proves that the cleartext listener at <paramref name="endpoint"/> serves h2c: opens a connection with the HTTP/2
    /// client preface and a SETTINGS frame, and expects the server's preface, a SETTINGS frame (RFC 9113 section 3.4).
    /// Null when it does; otherwise what happened instead.
    /// </summary>
    public static async Task<string?> ProblemServingH2cAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
            return $"this Kestrel ({typeof(KestrelServerOptions).Assembly.GetName().Version}) has no per-connection protocols feature";
        // A listener on every address is reached on loopback.
        var target = endpoint.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, endpoint.Port)
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.IPv6Loopback, endpoint.Port)
            : endpoint;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target, bound.Token).ConfigureAwait(false);
            await socket.SendAsync(s_probe, SocketFlags.None, bound.Token).ConfigureAwait(false);
            var header = new byte[9];
            var read = 0;
            while (read < header.Length)
            {
                var count = await socket.ReceiveAsync(header.AsMemory(read), SocketFlags.None, bound.Token).ConfigureAwait(false);
                if (count == 0)
                    break;
                read += count;
            }
            if (read == header.Length && header[3] == 0x4)
            {
                // Closed, and the close waited for, so the proof holds no connection of the listener's cap once the gateway runs.
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                    var rest = new byte[256];
                    while (await socket.ReceiveAsync(rest, SocketFlags.None, bound.Token).ConfigureAwait(false) > 0)
                    {
                    }
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    // Proven already; how the proof connection ends does not matter.
                }
                return null;
            }
            // An HTTP/1.1 connection answers the preface with a GOAWAY (type 0x7) saying HTTP_1_1_REQUIRED, or with 400.
            return read == header.Length && (header[3] == 0x7 || header.AsSpan(0, 5).SequenceEqual("HTTP/"u8))
                ? $"this Kestrel ({typeof(KestrelServerOptions).Assembly.GetName().Version}) served the h2c proof connection as HTTP/1.1: it no longer reads the per-connection protocols feature"
                : $"the h2c proof connection to {target} got no HTTP/2 SETTINGS frame ({read} bytes)";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the h2c proof connection to {target} had no answer within {timeout.TotalSeconds:0} s";
        }
        catch (SocketException e)
        {
            return $"the h2c proof connection to {target} failed ({e.SocketErrorCode})";
        }
    }
}
