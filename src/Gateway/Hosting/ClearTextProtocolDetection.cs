using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Lets the local listener take HTTP/1.1 and prior-knowledge HTTP/2 (h2c) on one cleartext port, as the meshes
/// send them: Envoy speaks h2c to the gateway for gRPC and HTTP/2 services (App Mesh <c>http2</c> listeners,
/// Istio <c>grpc</c> ports) and HTTP/1.1 for the rest. Kestrel picks one protocol per cleartext endpoint (with
/// both enabled it always picks HTTP/1.1, there being no ALPN), so the endpoint is HTTP/1.1 and each
/// connection's first bytes decide: the HTTP/2 connection preface switches that connection to HTTP/2. The choice is handed to Kestrel through its per-connection protocols
/// feature, an internal type found by name; if a Kestrel version lacks it, connections stay HTTP/1.1 and
/// <see cref="IsAvailable"/> says so (the gateway logs it at start).
/// </summary>
public static class ClearTextProtocolDetection
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private static readonly Type? ProtocolsFeature = typeof(KestrelServerOptions).Assembly
        .GetType("Microsoft.AspNetCore.Server.Kestrel.Core.Internal.HttpProtocolsFeature", throwOnError: false);

    private static readonly object? Http1 = Create(HttpProtocols.Http1);
    private static readonly object? Http2 = Create(HttpProtocols.Http2);

    /// <summary>Whether this Kestrel lets a connection choose its protocol.</summary>
    public static bool IsAvailable => Http1 is not null && Http2 is not null;

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
            connection.Features[ProtocolsFeature!] = http2.Value ? Http2 : Http1;
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
                if (value != Http2Preface[position])
                    return false;
                if (++position == Http2Preface.Length)
                    return true;
            }
        }
        return null;
    }

    private static object? Create(HttpProtocols protocols)
    {
        if (ProtocolsFeature is null)
            return null;
        try
        {
            return Activator.CreateInstance(ProtocolsFeature, protocols);
        }
        catch (Exception e) when (e is MissingMethodException or ArgumentException or System.Reflection.TargetInvocationException)
        {
            return null; // a Kestrel whose feature takes something else: detection off, HTTP/1.1 as before
        }
    }
}
