using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>Calls a running gateway's peer listener with a client certificate of the test's choosing (the review's <c>curl --cert</c>).</summary>
internal static class PeerCalls
{
    /// <summary>Starts the <see cref="TestTrust"/> federation on loopback with its trust folder.</summary>
    public static async Task<LocalFederation> StartAsync(TestTrust trust, ILoggerFactory? loggers = null, string? manifestPath = null) =>
        await LocalFederation.StartAsync(trust.Mesh, new LocalFederationOptions { TypicalLatency = false, RandomSeed = 7, TrustFolder = trust.Dir, ManifestPath = manifestPath }, loggers ?? NullLoggerFactory.Instance);

    /// <summary>GET vault on <paramref name="gateway"/>'s peer listener; throws <see cref="HttpRequestException"/> when the handshake is refused.</summary>
    public static async Task<HttpResponseMessage> CallAsync(GatewayHost gateway, X509Certificate2? client, X509Certificate2[] chain, SslProtocols protocols = SslProtocols.None)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = client is null ? null : SslStreamCertificateContext.Create(client, new X509Certificate2Collection(chain), offline: true),
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{gateway.PeerEndpoint.Port}/");
        request.Headers.Host = "vault.default.svc.cluster.local:8080";
        return await http.SendAsync(request);
    }
}
