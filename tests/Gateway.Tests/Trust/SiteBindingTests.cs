using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Federation.Trust;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Trust;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Security review E1, E3 (peer SVIDs), revocation: one site's intermediate cannot mint another site's gateway
/// identity, as client or as server; an intermediate that is not pinned in the bundle (a removed site's, a
/// revoked one, one the peer sends along) signs nothing a gateway takes; SPIFFE IDs are parsed strictly.
/// </summary>
public class SiteBindingTests(SiteBindingTests.SharedPeers shared) : IClassFixture<SiteBindingTests.SharedPeers>
{
    /// <summary>
    /// One trust folder and one federation on it for the tests of this class that only call a gateway with forged
    /// certificates (each federation costs trust issuance and nine web applications); tests that renew, revoke or
    /// remove sites make their own.
    /// </summary>
    public sealed class SharedPeers : IAsyncLifetime
    {
        private LocalFederation? _federation;

        internal TestTrust Trust { get; } = new();

        internal LocalFederation Federation => _federation ?? throw new InvalidOperationException("the shared federation has not started");

        /// <inheritdoc />
        public async Task InitializeAsync() => _federation = await PeerCalls.StartAsync(Trust);

        /// <inheritdoc />
        public async Task DisposeAsync()
        {
            if (_federation is not null)
                await _federation.DisposeAsync();
            Trust.Dispose();
        }
    }

    [Fact]
    public async Task PeerListener_ClientCertificateOfSiteBFromSiteAsIntermediate_IsRefused()
    {
        var (trust, federation) = (shared.Trust, shared.Federation);
        var siteA = trust.Intermediate("site-a");
        var forged = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-b/gateway");
        await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-c"], forged, [siteA]));

        // The same request with site-b's genuine identity goes through: only the issuer differs.
        var siteB = trust.Intermediate("site-b");
        var genuine = ForgedCertificates.Leaf(siteB, "spiffe://fed.test/site/site-b/gateway");
        Assert.Equal(HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], genuine, [siteB])).StatusCode);
    }

    [Fact]
    public async Task PeerClient_ServerCertificateOfSiteBFromSiteAsIntermediate_IsRefused()
    {
        using var trust = new TestTrust();
        var siteA = trust.Intermediate("site-a");
        await using (var forged = new ForgedPeerServer(ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-b/gateway"), [siteA]))
            await Assert.ThrowsAsync<HttpRequestException>(() => trust.DialAsync("site-c", "site-b", forged.Port));

        var siteB = trust.Intermediate("site-b");
        await using var genuine = new ForgedPeerServer(ForgedCertificates.Leaf(siteB, "spiffe://fed.test/site/site-b/gateway"), [siteB]);
        Assert.Equal(HttpStatusCode.OK, (await trust.DialAsync("site-c", "site-b", genuine.Port)).StatusCode);
    }

    [Fact]
    public void Verify_IntermediateWithoutSiteBinding_IsRefused()
    {
        // An intermediate the root signed the old way (trust domain only), pinned in the bundle: its leaves name
        // a site, but nothing says the intermediate is that site's.
        using var trust = new TestTrust();
        var root = TrustFolder.ReadWithKey(trust.Folder.RootCertificate, trust.Folder.RootKey);
        var unbound = Unbound(root);
        var material = WithExtraPinned(trust.Material("site-c"), unbound);
        var leaf = ForgedCertificates.Leaf(unbound, "spiffe://fed.test/site/site-b/gateway");
        var verdict = PeerVerifier.Verify(leaf, new PeerRequirements(material, "fed.test", _ => true, PeerRole.Client));
        Assert.False(verdict.IsAccepted);
        Assert.Contains("intermediate of no site", verdict.Reason);
    }

    [Fact]
    public async Task PeerListener_IntermediateNotPinned_IsRefusedEvenWhenRootSigned()
    {
        // A root-signed intermediate bound to site-b, but not in the bundle (e.g. revoked, or minted by whoever
        // once held the root key and kept a copy): presenting it with the leaf does not help.
        using var trust = new TestTrust();
        await using var federation = await PeerCalls.StartAsync(trust);
        var root = TrustFolder.ReadWithKey(trust.Folder.RootCertificate, trust.Folder.RootKey);
        var rogue = FederationCa.CreateIntermediate(root, "fed.test", "site-b", TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
        var leaf = ForgedCertificates.Leaf(rogue, "spiffe://fed.test/site/site-b/gateway");
        await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [rogue]));
    }

    [Fact]
    public async Task SiteRemovedFromManifest_ItsIntermediateSignsNothingAccepted()
    {
        using var full = new TestTrust();
        var siteC = full.Intermediate("site-c");
        // The federation carries on without site-c, on the same trust folder: init publishes a bundle without it.
        var withoutC = TestTrust.Load(TestTrust.Yaml.Replace("    - { name: site-c, provider: onprem, mesh: istio, gateway: { address: 10.0.0.3 } }\n", "")
            .Replace("deployments: [{ site: site-c, version: v1 }]", "deployments: [{ site: site-b, version: v1 }]"));
        await using var federation = await MeshFed.Federation.Up.LocalFederation.StartAsync(withoutC,
            new MeshFed.Federation.Up.LocalFederationOptions { TypicalLatency = false, TrustFolder = full.Dir }, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.DoesNotContain(File.ReadAllText(full.Folder.Bundle), siteC.ExportCertificatePem().Trim());
        foreach (var id in new[] { "spiffe://fed.test/site/site-c/gateway", "spiffe://fed.test/site/site-a/gateway" })
        {
            var leaf = ForgedCertificates.Leaf(siteC, id);
            await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-b"], leaf, [siteC]));
        }
    }

    [Fact]
    public async Task RenewWithRevoke_OldIntermediateIsRefused_NewOneAccepted()
    {
        using var trust = new TestTrust();
        var logs = new CapturedLogs();
        await using var federation = await PeerCalls.StartAsync(trust, logs.Factory);
        var old = trust.Intermediate("site-a");
        var oldLeaf = ForgedCertificates.Leaf(old, "spiffe://fed.test/site/site-a/gateway");
        Assert.Equal(HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], oldLeaf, [old])).StatusCode);

        // A plain renewal keeps the old intermediate pinned until it expires: nothing breaks. Asked once site-c has
        // taken the renewed bundle into use (a new plan), not after a guessed delay.
        var reloads = federation.Gateways["site-c"].State.Reloads;
        TrustIssuer.Renew(trust.Mesh, trust.Folder, ["site-a"], revokePrevious: false, DateTimeOffset.UtcNow);
        for (var reloaded = DateTime.UtcNow.AddSeconds(15); federation.Gateways["site-c"].State.Reloads == reloads && DateTime.UtcNow < reloaded;)
            await Task.Delay(100);
        Assert.True(federation.Gateways["site-c"].State.Reloads > reloads, "site-c did not reload the renewed trust bundle in 15 s");
        var response = await Record.ExceptionAsync(() => PeerCalls.CallAsync(federation.Gateways["site-c"], oldLeaf, [old]));
        Assert.True(response is null, string.Join("\n", logs.Lines.Where(l => !l.StartsWith("Information", StringComparison.Ordinal))));

        // Revocation: the previous intermediates are unpinned; site-c reloads the bundle and refuses them.
        TrustIssuer.Renew(trust.Mesh, trust.Folder, ["site-a"], revokePrevious: true, DateTimeOffset.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var refused = false;
        while (!refused && DateTime.UtcNow < deadline)
        {
            try
            {
                await PeerCalls.CallAsync(federation.Gateways["site-c"], oldLeaf, [old]);
                await Task.Delay(200);
            }
            catch (HttpRequestException)
            {
                refused = true;
            }
        }
        Assert.True(refused, "the revoked intermediate's SVID was still accepted 15 s after the bundle changed");
        var renewed = trust.Intermediate("site-a");
        var newLeaf = ForgedCertificates.Leaf(renewed, "spiffe://fed.test/site/site-a/gateway");
        Assert.Equal(HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], newLeaf, [renewed])).StatusCode);
    }

    [Theory]
    [InlineData("spiffe://fed.test/site/site-a/../site-b/gateway")]
    [InlineData("spiffe://fed.test/site/site%2Db/gateway")]
    [InlineData("spiffe://FED.test/site/site-b/gateway")]
    [InlineData("spiffe://fed.test/site/./site-b/gateway")]
    [InlineData("spiffe://fed.test//site/site-b/gateway")]
    public async Task PeerListener_NonCanonicalSpiffeIdSignedBySiteBsIntermediate_IsRefused(string id)
    {
        // Signed by the right intermediate, so only the strict parser stands between these and site-b.
        var (trust, federation) = (shared.Trust, shared.Federation);
        var siteB = trust.Intermediate("site-b");
        var leaf = ForgedCertificates.Leaf(siteB, id);
        Assert.False(PeerVerifier.Verify(leaf, new PeerRequirements(trust.Material("site-c"), "fed.test", _ => true, PeerRole.Client)).IsAccepted);
        await Assert.ThrowsAsync<HttpRequestException>(() => PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [siteB]));
    }

    private static X509Certificate2 Unbound(X509Certificate2 root)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=meshfed site old, O=fed.test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(ForgedCertificates.UriSan("spiffe://fed.test"));
        using var issued = request.Create(root, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private static TrustMaterial WithExtraPinned(TrustMaterial material, X509Certificate2 extra)
    {
        var bundle = string.Concat(material.Roots.Concat(material.SiteIntermediates).Append(extra).Select(c => c.ExportCertificatePem() + "\n"));
        var chain = material.Certificate.ExportCertificatePem() + "\n" + string.Concat(material.Intermediates.Select(c => c.ExportCertificatePem() + "\n"));
        using var key = material.Certificate.GetECDsaPrivateKey()!;
        return TrustMaterial.FromPem(bundle, chain, key.ExportPkcs8PrivateKeyPem());
    }
}
