using MeshFed.Federation.Analysis;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// The analyzer finds, mechanically, what the fidelity review of f6b0cea found by hand
/// (the fidelity review of 2026-12-02, row numbers as there), in f6b0cea's frozen rendering of a probe manifest.
/// Row 1 (the admin port) stops every path through the gateways it breaks, so the other rows are looked
/// for in the same rendering with row 1 fixed, as the review's fix order has it.
/// </summary>
public sealed class AnalyzeF6b0ceaTests
{
    private static AnalysisResult Analyze(Func<RenderedFederation, RenderedFederation>? edit = null)
    {
        var rendering = F6b0ceaProbe.Read();
        return F6b0ceaProbe.Analyze((edit ?? (r => r))(rendering));
    }

    private static AnalysisFinding Finds(AnalysisResult result, string code, string site, string? service = null)
    {
        var found = result.Findings.FirstOrDefault(f => f.Code == code && f.Site == site && (service is null || f.Service == service));
        Assert.True(found is not null, $"no {code} on {site} {service}; found:\n{string.Join("\n", result.Findings)}");
        return found!;
    }

    [Fact]
    public void Row1_AdminPort15021BesideTheIstioSidecar_IsReservedPortOnEveryIstioSiteWithASidecar()
    {
        var result = Analyze();

        var finding = Finds(result, AnalysisCodes.ReservedPort, "gcp");
        Finds(result, AnalysisCodes.ReservedPort, "dc-k8s");
        Assert.Contains("15021", finding.Message);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.ReservedPort && f.Site is "dc-vm" or "aws-ecs");
        // Every path through a broken gateway stops there, reported once.
        Assert.Contains(finding.Paths, p => p.StartsWith("gcp → shop/checkout:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Row2_GrpcToTheGatewaysHttpLocalPort_IsProtocolDowngrade()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.ProtocolDowngrade, "gcp", "apps/api");

        Assert.Contains("http-local", finding.Message);
        Assert.Contains("gcp → apps/api:9090 [canary] v1@aws-eks (80%)", finding.Paths);
        Assert.DoesNotContain(finding.Paths, p => p.Contains(":8080", StringComparison.Ordinal));
        Assert.Equal("spec.services[0].ports[0]", finding.ManifestPath);
        Assert.NotNull(finding.Location);
    }

    [Fact]
    public void Row3_RemoteNodeDiscoversANameEcsDoesNotCreate_IsNameUnresolved()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.NameUnresolved, "aws-ecs", "shop/checkout");

        Assert.Contains("meshfed-gateway.meshfed-system.svc.cluster.local", finding.Message);
        Assert.Equal("VirtualNode checkout-shop-remote", finding.Resource);
        Assert.Contains("aws-ecs → shop/checkout:8080 [canary] v2@gcp (10%)", finding.Paths);
    }

    [Fact]
    public void Row4_DnsVersionDeliveredPastTheVirtualGateway_IsPlaintextIntoStrict()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.PlaintextIntoStrict, "aws-ecs", "shop/checkout");

        Assert.Contains("gcp → shop/checkout:8080 [canary] v1@aws-ecs (90%)", finding.Paths);
        Assert.Equal(Hop.Ingress, finding.Hop);
    }

    [Fact]
    public void Row5_AllowRuleNamesACallerOnAnAppMeshSite_IsNoCallerIdentity()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.NoCallerIdentity, "aws-eks", "shop/payments");

        Assert.Contains("cart", finding.Message);
        Assert.Contains("aws-eks → shop/payments:8443 [split] v2@dc-k8s (50%)", finding.Paths);
    }

    [Fact]
    public void Row6_IstioSiteWhoseGatewayRunsOnAHost_IsGatewayNotMeshWorkloadBothWays()
    {
        var result = Analyze(F6b0ceaProbe.WithAdminPortFixed);

        var outbound = result.Findings.Single(f => f.Code == AnalysisCodes.GatewayNotMeshWorkload && f.Hop == Hop.Destination);
        var inbound = result.Findings.Single(f => f.Code == AnalysisCodes.GatewayNotMeshWorkload && f.Hop == Hop.Ingress);
        Assert.Equal("dc-vm", outbound.Site);
        Assert.Contains("dc-vm → shop/web:80 [half] v2@gcp (50%)", outbound.Paths);
        Assert.Contains("gcp → shop/web:80 [half] v1@dc-vm (50%)", inbound.Paths);
        Assert.Contains("STRICT", inbound.Message);
    }

    [Fact]
    public void Row7_IstioMutualToStaticVms_IsMutualIntoPlainForLocalCallersAndTheGateway()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.MutualIntoPlain, "dc-k8s", "shop/inventory");

        Assert.Contains("gcp → shop/inventory:8080 [default] v1@dc-k8s (100%)", finding.Paths);
        Assert.Contains("dc-k8s → shop/inventory:8080 [default] v1@dc-k8s (100%)", finding.Paths);
        Assert.Equal("DestinationRule shop/inventory", finding.Resource);
    }

    [Fact]
    public void Row8_MultiPortRouterWithoutPortMatch_IsAppMeshPortMatch()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.AppMeshPortMatch, "aws-eks", "apps/api");

        Assert.Contains("no match.port", finding.Message);
        Assert.Contains(finding.Paths, p => p.Contains(":9090", StringComparison.Ordinal));
        Assert.Contains(finding.Paths, p => p.Contains(":8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Row11_GrpcRouterWithHttp2Routes_IsAppMeshProtocolMismatch()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.AppMeshProtocolMismatch, "aws-eks", "core/ledger");

        Assert.Contains("http2Route", finding.Message);
        Assert.Contains("grpc", finding.Message);
    }

    [Fact]
    public void Row15_TcpOnlyRemoteService_IsEmptyVirtualService()
    {
        var finding = Finds(Analyze(), AnalysisCodes.EmptyVirtualService, "gcp", "data/db");

        Assert.Equal("VirtualService meshfed-system/db-data", finding.Resource);
        Assert.Equal(Severity.Error, finding.Severity);
    }

    [Fact]
    public void Row16_ThirtySecondRouteOnAppMesh_IsTimeoutCutAt15Seconds()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.TimeoutCut, "aws-ecs", "shop/checkout");

        Assert.Contains("30 s", finding.Message);
        Assert.Contains("15 s", finding.Message);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Row24_SidecarRetriesTheGateway_IsLayeredRetries()
    {
        var finding = Finds(Analyze(F6b0ceaProbe.WithAdminPortFixed), AnalysisCodes.LayeredRetries, "gcp", "shop/checkout");

        Assert.Contains("16 attempts", finding.Message);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Row9_SdsCertificateOnEcs_IsCertificateSource()
    {
        var finding = Finds(Analyze(), AnalysisCodes.CertificateSource, "aws-ecs");

        Assert.Contains("not supported on Amazon ECS", finding.Message);
    }

    [Fact]
    public void EveryPath_IsWalkedAndEachFaultReportedOnce()
    {
        var result = Analyze(F6b0ceaProbe.WithAdminPortFixed);

        Assert.Equal(result.Findings.Count, result.Findings.Select(f => (f.Code, f.Site, f.Resource, f.Service, f.Message)).Distinct().Count());
        var broken = result.Paths.Where(p => p.Status != PathStatus.Ok).ToList();
        // Each broken path is listed under exactly the finding that stopped it.
        foreach (var row in broken)
            Assert.Contains(result.Findings, f => f.Code == row.Status && f.Paths.Any(p => p.StartsWith($"{row.Caller} → {row.Service}:{row.Port} [{row.Route}] {row.Version}@{row.Serving}", StringComparison.Ordinal)));
        Assert.True(result.Working > 0);
    }
}
