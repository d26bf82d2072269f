using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// A TLS server on loopback posing as a site's gateway with whatever certificate the test forged (the review's
/// <c>openssl s_server</c>): it answers every request 200 "forged", so a gateway that accepts it shows it, and keeps
/// each request's head (request line and headers as sent) for tests of what a gateway sends its peer.
/// </summary>
internal sealed class ForgedPeerServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<string> _heads = new();

    public ForgedPeerServer(X509Certificate2 certificate, X509Certificate2[] chain, SslProtocols protocols = SslProtocols.Tls13 | SslProtocols.Tls12)
    {
        var context = SslStreamCertificateContext.Create(certificate, new X509Certificate2Collection(chain), offline: true);
        _listener.Start();
        _accepting = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _ = Task.Run(() => ServeAsync(client, context, protocols, _heads));
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The heads of the requests answered so far, in the order they arrived.</summary>
    public IReadOnlyList<string> Heads => [.. _heads];

    private static async Task ServeAsync(TcpClient client, SslStreamCertificateContext context, SslProtocols protocols, ConcurrentQueue<string> heads)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    EnabledSslProtocols = protocols,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                });
                var buffer = new byte[8192];
                var seen = new StringBuilder();
                while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await tls.ReadAsync(buffer);
                    if (read == 0)
                        return;
                    seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                heads.Enqueue(seen.ToString());
                await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nforged"u8.ToArray());
            }
            catch (Exception e) when (e is IOException or AuthenticationException or ObjectDisposedException)
            {
                // The gateway refused the handshake: that is what the tests look for.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
