using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshFed.Tests.Shared.Telemetry;

/// <summary>
/// A loopback stand-in for the CloudWatch agent's EMF listener over TCP: reads newline-separated events from every
/// connection and keeps them. <see cref="Stop"/> closes the listener and every connection, as an agent that exits
/// does; <see cref="Start"/> listens again on the same port, as the restarted agent would.
/// </summary>
public sealed class LoopbackAgent : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private TcpListener _listener;
    private int _accepted;

    public LoopbackAgent()
    {
        _listener = Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public Uri Endpoint => new($"tcp://127.0.0.1:{Port}");

    /// <summary>Every line received so far, in arrival order per connection.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Waits until at least <paramref name="count"/> lines came (or 10 s passed), then returns them all.</summary>
    public IReadOnlyList<string> WaitForLines(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_lines.Count < count && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        return Lines;
    }

    /// <summary>The agent goes away: no listener, and every open connection closed.</summary>
    public void Stop()
    {
        _listener.Stop();
        foreach (var connection in _connections)
            connection.Dispose();
    }

    /// <summary>The agent is back on the same port (waiting a little if another test's connection holds it meanwhile).</summary>
    public void Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _listener = Listen(Port);
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => Stop();

    private TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        // Reuse the port right after Stop, while its closed connections linger in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            listener.Start();
        }
        catch (SocketException)
        {
            listener.Dispose();
            throw;
        }
        _ = Task.Run(() => AcceptAsync(listener));
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Interlocked.Increment(ref _accepted);
            _connections.Add(client);
            _ = Task.Run(() => ReadAsync(client));
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        try
        {
            using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            while (await reader.ReadLineAsync() is { } line)
                _lines.Enqueue(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
