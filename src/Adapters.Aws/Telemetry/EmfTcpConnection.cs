using System.Net.Sockets;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// The one TCP connection to the CloudWatch agent, opened on first use and opened again when the agent has closed it
/// (a restart: checked before every write, so a write does not vanish into a dead socket) or when a write failed.
/// Failures are results, not exceptions: the caller's <see cref="RetryingSender"/> backs off and tries again on a new
/// connection. Used by one export at a time (OpenTelemetry's reader thread).
/// </summary>
internal sealed class EmfTcpConnection(string host, int port) : IDisposable
{
    private TcpClient? _client;
    private NetworkStream? _stream;

    /// <summary>Connections opened so far (the first included).</summary>
    public int Connects { get; private set; }

    /// <summary>Writes <paramref name="data"/> whole, connecting first when needed.</summary>
    public async Task<SendResult> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            if (_stream is null || PeerClosed(_client!.Client))
            {
                Close();
                _client = new TcpClient { NoDelay = true };
                Connects++;
                await _client.ConnectAsync(host, port, cancellationToken);
                _stream = _client.GetStream();
            }
            await _stream.WriteAsync(data, cancellationToken);
            return new SendResult(SendStatus.Sent, 0, "");
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            Close();
            return SendResult.Unreachable(e is SocketException s ? s.SocketErrorCode.ToString() : e.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            // A timed-out write leaves the stream in an unknown state: start the next attempt on a new connection.
            Close();
            throw;
        }
    }

    /// <summary>
    /// True when the agent closed the connection: the socket reads as ready with nothing to read (end of stream or
    /// reset). The agent never writes back, so anything readable is discarded.
    /// </summary>
    private static bool PeerClosed(Socket socket)
    {
        try
        {
            if (!socket.Poll(0, SelectMode.SelectRead))
                return false;
            if (socket.Available == 0)
                return true;
            Span<byte> discard = stackalloc byte[256];
            while (socket.Available > 0)
                socket.Receive(discard);
            return false;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public void Dispose() => Close();
}
