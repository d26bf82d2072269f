using System.Net;
using System.Net.Sockets;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// Datagrams to the CloudWatch agent's UDP listener: fire and forget, never blocking. The host is resolved on the
/// first send and again after a failure (so a moved agent is found); a failed send is reported, not thrown.
/// </summary>
internal sealed class EmfUdpSender(string host, int port) : IDisposable
{
    private Socket? _socket;
    private IPEndPoint? _agent;

    /// <summary>Sends one datagram; false when the socket refused it.</summary>
    public bool Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            if (_socket is null || _agent is null)
            {
                var address = IPAddress.TryParse(host, out var literal) ? literal
                    : Dns.GetHostAddresses(host).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
                _agent = new IPEndPoint(address, port);
                _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            }
            _socket.SendTo(datagram, SocketFlags.None, _agent);
            return true;
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            // Unresolvable host (no address: First throws), no route, or a datagram the stack refused.
            Dispose();
            return false;
        }
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
        _agent = null;
    }
}
