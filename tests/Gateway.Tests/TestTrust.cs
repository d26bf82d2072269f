using System.Security.Cryptography.X509Certificates;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Hosting;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The security review's three-site federation (<c>fed.test</c>, sites site-a, site-b, site-c; <c>vault</c>
/// on site-c), its trust made with the real <see cref="TrustIssuer"/> in a temporary folder, and a way to
/// dial a peer as a gateway's client side does.
/// </summary>
internal sealed class TestTrust : IDisposable
{
    public const string Yaml = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: fed }
        spec:
          trustDomain: fed.test
          sites:
            - { name: site-a, provider: onprem, mesh: istio, gateway: { address: 10.0.0.1 } }
            - { name: site-b, provider: onprem, mesh: istio, gateway: { address: 10.0.0.2 } }
            - { name: site-c, provider: onprem, mesh: istio, gateway: { address: 10.0.0.3 } }
          services:
            - name: vault
              ports: [{ port: 8080 }]
              deployments: [{ site: site-c, version: v1 }]
        """;

    /// <param name="yaml">The manifest.</param>
    /// <param name="caCreated">When the CA was made (in the past, so that a test can make an expired SVID).</param>
    public TestTrust(string yaml = Yaml, DateTimeOffset? caCreated = null)
    {
        Mesh = Load(yaml);
        Dir = Directory.CreateTempSubdirectory("meshfed-trust-").FullName;
        Folder = new TrustFolder(Dir);
        TrustIssuer.Init(Mesh, Folder, caCreated ?? DateTimeOffset.UtcNow);
        foreach (var site in Mesh.Sites)
            TrustIssuer.Issue(Mesh, Folder, site.Name, TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
    }

    public FederatedMesh Mesh { get; }

    public string Dir { get; }

    public TrustFolder Folder { get; }

    public static FederatedMesh Load(string yaml)
    {
        var loaded = ManifestLoader.LoadText(yaml, "fed.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Mesh!;
    }

    /// <summary>A site's intermediate with its key: what an attacker holding that site's CA has.</summary>
    public X509Certificate2 Intermediate(string site) => TrustFolder.ReadWithKey(Folder.IntermediateCertificate(site), Folder.IntermediateKey(site));

    /// <summary>The gateway's trust folder of a site.</summary>
    public TrustMaterial Material(string site) => TrustMaterial.Load(Folder.GatewayFolder(site));

    /// <summary>
    /// Sends one request the way gateway <paramref name="self"/> forwards to site <paramref name="dialled"/>'s
    /// gateway (the real <see cref="PeerClientFactory"/>), to a server on loopback <paramref name="port"/>.
    /// </summary>
    public async Task<HttpResponseMessage> DialAsync(string self, string dialled, int port, ILoggerFactory? loggers = null)
    {
        var state = new GatewayState(GatewayPlan.Build(Mesh, new GatewaySettings { Site = self }));
        using var trust = new TrustReloader(Material(self), NullLogger.Instance);
        var factory = new PeerClientFactory(state, trust, loggers ?? NullLoggerFactory.Instance);
        using var client = factory.CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = $"{dialled}-peer",
            OldConfig = HttpClientConfig.Empty,
            OldMetadata = null,
            OldClient = null,
            NewConfig = HttpClientConfig.Empty,
            NewMetadata = new Dictionary<string, string> { [GatewayPlan.SiteMetadata] = dialled },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/"), timeout.Token);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
