using System.Net.Security;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Trust;

namespace MeshFed.Gateway.Tests;

/// <summary>Speaks to a gateway's peer listener as another site's gateway would, with that site's real SVID.</summary>
public static class PeerClient
{
    /// <summary>Sends a request as site <paramref name="asSite"/>'s gateway to site <paramref name="toSite"/>'s peer listener.</summary>
    public static async Task<HttpResponseMessage> SendAsync(TestFederation f, string asSite, string toSite, string host, string path = "/", IDictionary<string, string>? headers = null)
    {
        var material = TrustMaterial.Load(new TrustFolder(f.Federation.TrustFolder).GatewayFolder(asSite));
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificateContext = material.Context,
                RemoteCertificateValidationCallback = (_, _, _, _) => true, // the test checks the gateway, not its certificate
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{f.Federation.Gateways[toSite].PeerEndpoint.Port}{path}");
        request.Headers.Host = host;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
