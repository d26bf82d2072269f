using System.Diagnostics.Metrics;
using MeshFed.Federation.Trust;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Trust;
using MeshFed.Tests.Shared;
using Xunit.Abstractions;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Security review E4, E8, E9, E17, R10: rotated trust material passes the checks made at start, a changed
/// bundle is seen by its content, and nothing a rotation leaves behind (an unreadable key, a folder in place
/// of a file, a failing handler) can end the process; every failure is logged and counted.
/// </summary>
public sealed class TrustReloadTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestTrust _trust = new(caCreated: DateTimeOffset.UtcNow.AddDays(-1));
    private readonly CapturedLogs _logs = new();
    private readonly List<string> _outcomes = [];
    private readonly MeterListener _listener = new();

    private string Folder => _trust.Folder.GatewayFolder("site-c");

    private TrustReloader Start()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == GatewayMetrics.Meter && instrument.Name == "meshfed.gateway.reloads")
                l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var what = tags.ToArray().FirstOrDefault(t => t.Key == "what").Value as string;
            var outcome = tags.ToArray().FirstOrDefault(t => t.Key == "outcome").Value as string;
            lock (_outcomes)
                _outcomes.Add($"{what}/{outcome}");
        });
        _listener.Start();
        // Polled by hand: the test decides when a reload happens.
        return new TrustReloader(Folder, new GatewayIdentity("fed.test", "site-c"), _logs.Factory.CreateLogger("trust"), TimeSpan.FromHours(1));
    }

    private void AssertKept(TrustReloader reloader, string serial, string logged)
    {
        Assert.Equal(serial, reloader.Current.Certificate.SerialNumber);
        Assert.Equal(0, reloader.Generation);
        Assert.Contains(_logs.Lines, l => l.Contains("not reloaded", StringComparison.Ordinal) && l.Contains(logged, StringComparison.Ordinal));
        lock (_outcomes)
            Assert.Contains("trust/invalid", _outcomes);
    }

    [Fact]
    public void Refresh_AnotherSitesSvid_KeepsTheLastGoodMaterial()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        foreach (var file in new[] { TrustMaterial.KeyFile, TrustMaterial.CertificateFile })
            File.Copy(Path.Combine(_trust.Folder.GatewayFolder("site-a"), file), Path.Combine(Folder, file), overwrite: true);
        reloader.Refresh();
        AssertKept(reloader, serial, "not spiffe://fed.test/site/site-c/gateway");
    }

    [Fact]
    public void Refresh_ExpiredSvid_KeepsTheLastGoodMaterial()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        var siteC = _trust.Intermediate("site-c");
        var expired = ForgedCertificates.Leaf(siteC, "spiffe://fed.test/site/site-c/gateway", notBefore: DateTimeOffset.UtcNow.AddHours(-3), lifetime: TimeSpan.FromHours(1));
        WriteSvid(expired, siteC);
        reloader.Refresh();
        AssertKept(reloader, serial, "NotTimeValid");
    }

    [Fact]
    public void Refresh_SvidNotChainingToTheNewBundle_KeepsTheLastGoodMaterial()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        using var other = new TestTrust();
        File.Copy(other.Folder.Bundle, Path.Combine(Folder, TrustMaterial.BundleFile), overwrite: true);
        reloader.Refresh();
        AssertKept(reloader, serial, "would be refused by the peers");
    }

    [Fact]
    public void Refresh_SvidOfAnotherTrustDomain_IsRefusedWithAClearMessage()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        using var other = new TestTrust(TestTrust.Yaml.Replace("trustDomain: fed.test", "trustDomain: other.test"));
        foreach (var file in new[] { TrustMaterial.BundleFile, TrustMaterial.KeyFile, TrustMaterial.CertificateFile })
            File.Copy(Path.Combine(other.Folder.GatewayFolder("site-c"), file), Path.Combine(Folder, file), overwrite: true);
        reloader.Refresh();
        AssertKept(reloader, serial, "in trust domain 'other.test', but this gateway runs in 'fed.test'");
    }

    [Fact]
    public void Refresh_BundleReplacedOneForOne_IsApplied()
    {
        // Revoking site-a's intermediate swaps one pinned certificate for another: the count stays the same.
        using var reloader = Start();
        var before = reloader.Current.BundleThumbprints;
        TrustIssuer.Renew(_trust.Mesh, _trust.Folder, ["site-a"], revokePrevious: true, DateTimeOffset.UtcNow);
        reloader.Refresh();
        Assert.Equal(1, reloader.Generation);
        Assert.Equal(before.Count, reloader.Current.BundleThumbprints.Count);
        Assert.NotEqual(before, reloader.Current.BundleThumbprints);
        lock (_outcomes)
            Assert.Contains("trust/applied", _outcomes);
    }

    [Fact]
    public void Refresh_UnreadableKey_KeepsServing_AndStartupSaysWhy()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        if (UnreadableFile.TryPlace(Path.Combine(Folder, TrustMaterial.KeyFile)) is { } cannot)
        {
            output.WriteLine($"Not reproduced: {cannot}.");
            return;
        }
        var thrown = Record.Exception(reloader.Refresh);
        Assert.Null(thrown);
        AssertKept(reloader, serial, "may not read it");

        var startup = Assert.Throws<TrustMaterialException>(() => new TrustReloader(Folder, new GatewayIdentity("fed.test", "site-c"), _logs.Factory.CreateLogger("trust")));
        Assert.Contains("gateway.key: this process", startup.Message);
    }

    [Fact]
    public async Task RunningGateway_KeyBecomesUnreadable_KeepsServingOnItsTimer()
    {
        // The review's crash: the reload timer met an UnauthorizedAccessException and the process died. Here the
        // gateway's own timer (polling every second) meets it; an escape would take the test host down.
        await using var federation = await PeerCalls.StartAsync(_trust, _logs.Factory);
        if (UnreadableFile.TryPlace(Path.Combine(Folder, TrustMaterial.KeyFile)) is { } cannot)
        {
            output.WriteLine($"Not reproduced: {cannot}.");
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !_logs.Lines.Any(l => l.Contains("may not read it", StringComparison.Ordinal)))
            await Task.Delay(200);
        Assert.Contains(_logs.Lines, l => l.Contains("may not read it", StringComparison.Ordinal));
        var siteA = _trust.Intermediate("site-a");
        var leaf = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-a/gateway");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [siteA])).StatusCode);
    }

    [Fact]
    public void Refresh_FolderInPlaceOfTheCertificate_KeepsServing()
    {
        using var reloader = Start();
        var serial = reloader.Current.Certificate.SerialNumber;
        File.Delete(Path.Combine(Folder, TrustMaterial.CertificateFile));
        Directory.CreateDirectory(Path.Combine(Folder, TrustMaterial.CertificateFile));
        Assert.Null(Record.Exception(reloader.Refresh));
        AssertKept(reloader, serial, "is a folder");
    }

    [Fact]
    public void Refresh_FailingChangedHandler_DoesNotEscape()
    {
        using var reloader = Start();
        reloader.Changed += _ => throw new InvalidOperationException("handler bug");
        TrustIssuer.Issue(_trust.Mesh, _trust.Folder, "site-c", TimeSpan.FromHours(3), DateTimeOffset.UtcNow);
        Assert.Null(Record.Exception(reloader.Refresh));
        Assert.Equal(1, reloader.Generation);
        Assert.Contains(_logs.Lines, l => l.Contains("handler of reloaded trust material failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManifestReload_ChangedTrustDomain_IsRefused_AndTheGatewayKeepsServing()
    {
        var manifest = Path.Combine(_trust.Dir, "fed.yaml");
        File.WriteAllText(manifest, TestTrust.Yaml);
        await using var federation = await PeerCalls.StartAsync(_trust, _logs.Factory, manifest);
        File.WriteAllText(manifest, TestTrust.Yaml.Replace("trustDomain: fed.test", "trustDomain: other.test"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !_logs.Lines.Any(l => l.Contains("trustDomain changed from 'fed.test' to 'other.test'", StringComparison.Ordinal)))
            await Task.Delay(200);
        Assert.Contains(_logs.Lines, l => l.Contains("not applied", StringComparison.Ordinal) && l.Contains("trustDomain changed from 'fed.test' to 'other.test'", StringComparison.Ordinal));
        Assert.Equal("fed.test", federation.Gateways["site-c"].State.Plan.Mesh.TrustDomain);
        var siteA = _trust.Intermediate("site-a");
        var leaf = ForgedCertificates.Leaf(siteA, "spiffe://fed.test/site/site-a/gateway");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await PeerCalls.CallAsync(federation.Gateways["site-c"], leaf, [siteA])).StatusCode);
    }

    private void WriteSvid(System.Security.Cryptography.X509Certificates.X509Certificate2 svid, System.Security.Cryptography.X509Certificates.X509Certificate2 intermediate)
    {
        using var key = System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(svid)!;
        TrustFolder.WriteSecret(Path.Combine(Folder, TrustMaterial.KeyFile), key.ExportPkcs8PrivateKeyPem() + "\n");
        TrustFolder.WritePublic(Path.Combine(Folder, TrustMaterial.CertificateFile), svid.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem() + "\n");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _trust.Dispose();
    }
}
