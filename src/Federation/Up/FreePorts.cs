using System.Net;
using System.Net.Sockets;

namespace MeshFed.Federation.Up;

/// <summary>Loopback ports nobody listens on, for a federation on one machine.</summary>
internal static class FreePorts
{
    /// <summary>A port the OS just handed out for 127.0.0.1 (free for the moment it is returned).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
