using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshFed.Gateway.Benchmarks;

/// <summary>
/// A backend that costs next to nothing per request, so a benchmark measures the gateway: raw loopback sockets
/// answering every HTTP/1.1 request with the same prepared 200 and a 1 KB body, allocating nothing per request.
/// It reads a request's head up to the blank line and skips a <c>Content-Length</c> body; it does not take
/// chunked bodies (the benchmarks send none).
/// </summary>
public sealed class CannedBackend : IAsyncDisposable
{
    private static readonly byte[] Response = BuildResponse(1024);
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    /// <summary>Listens on a free loopback port.</summary>
    public CannedBackend()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>Where it listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>The body every answer carries.</summary>
    public static int BodyLength => 1024;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _listener.AcceptAsync(_stop.Token);
                connection.NoDelay = true;
                _ = ServeAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                if (read == 0)
                    return;
                filled += read;
                // Answer every complete request in the buffer (a client may send the next one before reading).
                while (HeadLength(buffer.AsSpan(0, filled)) is { } head)
                {
                    var total = head + ContentLength(buffer.AsSpan(0, head));
                    if (total > filled)
                        break;
                    await connection.SendAsync(Response, SocketFlags.None, _stop.Token);
                    buffer.AsSpan(total, filled - total).CopyTo(buffer);
                    filled -= total;
                }
                if (filled == buffer.Length)
                    throw new InvalidDataException("request head larger than 16 KB");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away, or stopping.
        }
        finally
        {
            connection.Dispose();
        }
    }

    private static int? HeadLength(ReadOnlySpan<byte> data)
    {
        var end = data.IndexOf("\r\n\r\n"u8);
        return end < 0 ? null : end + 4;
    }

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        var at = IndexOfIgnoreCase(head, "\r\ncontent-length:"u8);
        if (at < 0)
            return 0;
        var value = head[(at + 17)..];
        value = value[..value.IndexOf("\r\n"u8)].Trim((byte)' ');
        return int.Parse(Encoding.ASCII.GetString(value), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase)
    {
        for (var i = 0; i + lowerCase.Length <= text.Length; i++)
        {
            var j = 0;
            while (j < lowerCase.Length && ToLower(text[i + j]) == lowerCase[j])
                j++;
            if (j == lowerCase.Length)
                return i;
        }
        return -1;
    }

    private static byte ToLower(byte value) => value is >= (byte)'A' and <= (byte)'Z' ? (byte)(value | 0x20) : value;

    private static byte[] BuildResponse(int bodyLength)
    {
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {bodyLength}\r\n\r\n";
        var response = new byte[head.Length + bodyLength];
        Encoding.ASCII.GetBytes(head, response);
        response.AsSpan(head.Length).Fill((byte)'x');
        return response;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        _stop.Dispose();
    }
}
