using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// The App Mesh and cross-site rows of the fidelity review of 2026-12-02 (rows 10, 13, 23, 25, 27, 30) and the
/// rules MF702/MF714: each is found in f6b0cea's frozen rendering of a probe, and is gone from this checkout's
/// rendering of the same manifest (<see cref="F6b0ceaProbe.AnalyzeMain"/>).
/// </summary>
public sealed class AnalyzeAppMeshRowTests
{
    private static AnalysisResult F6b0cea(Func<RenderedFederation, RenderedFederation>? edit = null, string probe = F6b0ceaProbe.First) =>
        F6b0ceaProbe.Analyze((edit ?? (r => r))(F6b0ceaProbe.Read(probe)), probe);

    // Row 1 (the admin port) stops every path through the Istio gateways; the rows below lie beyond it.
    private static AnalysisResult F6b0ceaAdminPortFixed(Func<RenderedFederation, RenderedFederation>? edit = null) =>
        F6b0cea(r => (edit ?? (x => x))(F6b0ceaProbe.WithAdminPortFixed(r)));

    private static AnalysisFinding Finds(AnalysisResult result, string code, string site, string? service = null)
    {
        var found = result.Findings.FirstOrDefault(f => f.Code == code && f.Site == site && (service is null || f.Service == service));
        Assert.True(found is not null, $"no {code} on {site} {service}; found:\n{string.Join("\n", result.Findings)}");
        return found!;
    }

    private static void FindsNone(AnalysisResult result, string code) =>
        Assert.True(result.Findings.All(f => f.Code != code), $"{code} found on main's rendering:\n{string.Join("\n", result.Findings.Where(f => f.Code == code))}");

    [Fact]
    public void Row10_ClientPolicyWithoutSansToASpiffeCertificate_IsAppMeshSanMissingAndStopsTheLocalPath()
    {
        var result = F6b0cea();

        var finding = Finds(result, AnalysisCodes.AppMeshSanMissing, "aws-eks", "shop/cart");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.StartsWith("VirtualNode ", finding.Resource, StringComparison.Ordinal);
        Assert.Contains("spiffe://cluster.local/ns/shop/sa/cart", finding.Message);
        Assert.Contains("aws-eks → shop/cart:8080 [default] v1@aws-eks (100%)", finding.Paths);
        Assert.Contains(result.Paths, p => p.Caller == "aws-eks" && p.Service == "shop/cart" && p.Status == AnalysisCodes.AppMeshSanMissing);
        FindsNone(F6b0ceaProbe.AnalyzeMain(), AnalysisCodes.AppMeshSanMissing);
    }

    [Fact]
    public void Row10_ListenerValidationWithoutSans_IsAWarningThatAnyMeshCertificateIsAdmitted()
    {
        var finding = F6b0cea().Findings.First(f => f.Code == AnalysisCodes.AppMeshSanMissing && f.Severity == Severity.Warning && f.Service == "shop/cart");

        Assert.Equal(Hop.Callee, finding.Hop);
        Assert.Equal("VirtualNode cart-shop-v1", finding.Resource);
        Assert.Contains("admits any certificate", finding.Message);
    }

    [Fact]
    public void Row10_VirtualGatewayWithoutSans_StopsEveryPathIntoTheSite()
    {
        var found = F6b0cea();
        var ingress = Finds(found, AnalysisCodes.AppMeshSanMissing, "aws-eks");
        Assert.Equal(Hop.Ingress, ingress.Hop);
        Assert.Equal("VirtualGateway meshfed-ingress", ingress.Resource);
        Finds(found, AnalysisCodes.AppMeshSanMissing, "aws-ecs");

        // With hop 3 delivered beside the gateway and the SDS socket mounted (as on main), the SAN-less client policy is what stops it.
        var (mesh, loaded) = F6b0ceaProbe.Load();
        var delivered = F6b0ceaProbe.Edit(F6b0ceaProbe.WithAdminPortFixed(F6b0ceaProbe.Read()), "aws-eks", "gateway-peer-clusters.json",
            body => body["destinations"] = new JsonArray("http://127.0.0.1:15081/"));
        var result = FederationAnalyzer.Analyze(mesh, loaded.Sources, delivered, null, F6b0ceaProbe.Modules with { EksVirtualGatewaySdsSocket = true });

        Assert.Contains(result.Paths, p => p.Serving == "aws-eks" && p.Caller == "dc-k8s" && p.Service == "shop/payments" && p.Status == AnalysisCodes.AppMeshSanMissing);
        Assert.DoesNotContain(F6b0ceaProbe.AnalyzeMain().Findings, f => f.Code == AnalysisCodes.AppMeshSanMissing && f.Hop == Hop.Ingress);
    }

    [Fact]
    public void Row13_VirtualServiceWithNoLocalWorkloadAndNoDnsRecord_IsNameUnresolved()
    {
        // The probe's aws site runs on ECS (f6b0cea's default): a Kubernetes Service would give no name there, so
        // the name is the user's Route 53 record, which the render asks for and the analyzer cannot see (a warning).
        var result = F6b0cea(probe: F6b0ceaProbe.AppMesh);
        var finding = result.Findings.FirstOrDefault(f => f.Code == AnalysisCodes.NameUnresolved && f.Site == "aws" && f.Service == "media/feed" && f.Hop == Hop.CallerMesh);

        Assert.True(finding is not null, string.Join("\n", result.Findings));
        Assert.Equal("VirtualService feed.media.svc.cluster.local", finding.Resource);
        Assert.Contains("aws → media/feed:8080 [default] v1@gcp (100%)", finding.Paths);
        Assert.Contains("Route 53", finding.Message);
        // Where the workloads are pods (EKS), f6b0cea rendered no name at all (an error) and main renders the
        // selectorless placeholder Service.
        var onEks = F6b0ceaProbe.Load(F6b0ceaProbe.AppMesh).Mesh;
        onEks = onEks with { Sites = [.. onEks.Sites.Select(s => s.Name == "aws" ? s with { Gateway = s.Gateway! with { Platform = GatewayPlatform.Eks } } : s)] };
        var (_, loaded) = F6b0ceaProbe.Load(F6b0ceaProbe.AppMesh);
        var frozenOnEks = FederationAnalyzer.Analyze(onEks, loaded.Sources, F6b0ceaProbe.Read(F6b0ceaProbe.AppMesh), null, F6b0ceaProbe.Modules);
        Assert.Contains(frozenOnEks.Findings, f => f.Code == AnalysisCodes.NameUnresolved && f.Service == "media/feed" && f.Hop == Hop.CallerMesh && f.Severity == Severity.Error);
        var mainOnEks = FederationAnalyzer.Analyze(onEks, loaded.Sources, RenderedFederation.Render(onEks), null);
        Assert.DoesNotContain(mainOnEks.Findings, f => f.Code == AnalysisCodes.NameUnresolved && f.Service == "media/feed" && f.Hop == Hop.CallerMesh);
    }

    [Fact]
    public void Row23_Http11ToTheVirtualGatewaysHttp2Listener_IsAProtocolWarningAtHop3()
    {
        var result = F6b0ceaAdminPortFixed();

        var finding = result.Findings.Single(f => f.Code == AnalysisCodes.ProtocolDowngrade && f.Hop == Hop.Ingress && f.Service == "shop/payments");
        Assert.Equal("aws-eks", finding.Site);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("HTTP/1.1", finding.Message);
        Assert.Contains("http2", finding.Message);
        Assert.Contains("dc-k8s → shop/payments:8443 [split] v1@aws-eks (50%)", finding.Paths);
        // gRPC (h2c) to the same listener is what it speaks.
        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.ProtocolDowngrade && f.Hop == Hop.Ingress && f.Service == "core/ledger");
        Assert.DoesNotContain(F6b0ceaProbe.AnalyzeMain().Findings, f => f.Code == AnalysisCodes.ProtocolDowngrade && f.Hop == Hop.Ingress);
    }

    [Fact]
    public void Row23_H2cToAGrpcVirtualGatewayListener_IsNotReported()
    {
        var result = F6b0ceaAdminPortFixed(r => F6b0ceaProbe.Edit(r, "aws-eks", "virtualgateway-meshfed-ingress", body =>
            body["spec"]!["listeners"]![0]!["portMapping"]!["protocol"] = "grpc"));

        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.ProtocolDowngrade && f.Hop == Hop.Ingress && f.Service == "core/ledger");
        Assert.Contains(result.Findings, f => f.Code == AnalysisCodes.ProtocolDowngrade && f.Hop == Hop.Ingress && f.Service == "shop/payments");
    }

    [Fact]
    public void Row25_GrpcListenerDropsMaxConnectionsAndMaxPendingRequests_IsConnectionPoolDropped()
    {
        var finding = Finds(F6b0cea(probe: F6b0ceaProbe.AppMesh), AnalysisCodes.ConnectionPoolDropped, "aws", "media/stream");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("maxConnections: 200", finding.Message);
        Assert.Contains("maxPendingRequests: 50", finding.Message);
        Assert.Contains("grpc", finding.Message);
        Assert.Equal("spec.services[0].traffic.circuitBreaker", finding.ManifestPath);
        FindsNone(F6b0ceaProbe.AnalyzeMain(F6b0ceaProbe.AppMesh), AnalysisCodes.ConnectionPoolDropped);
    }

    [Fact]
    public void Row25_MainsRenderingWithoutItsWarning_IsConnectionPoolDropped()
    {
        // Main's grpc listener cannot hold the limits either; what makes it right is that the render says so.
        var (mesh, loaded) = F6b0ceaProbe.Load(F6b0ceaProbe.AppMesh);
        var rendering = RenderedFederation.Render(mesh);
        var silent = new RenderedFederation(rendering.Sites.ToDictionary(s => s.Key, s => s.Value with { Reported = [] }));

        var result = FederationAnalyzer.Analyze(mesh, loaded.Sources, silent, null);

        Finds(result, AnalysisCodes.ConnectionPoolDropped, "aws", "media/stream");
    }

    [Fact]
    public void Row27_MultiPortShareToTheGatewayWithoutThePortHeader_IsPortNotCarried()
    {
        var finding = Finds(F6b0ceaAdminPortFixed(), AnalysisCodes.PortNotCarried, "gcp", "apps/api");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains(DataPath.PortHeader, finding.Message);
        Assert.Contains("gcp → apps/api:8080 [canary] v1@aws-eks (80%)", finding.Paths);
        Assert.Contains("gcp → apps/api:9090 [canary] v1@aws-eks (80%)", finding.Paths);
        FindsNone(F6b0ceaProbe.AnalyzeMain(), AnalysisCodes.PortNotCarried);
    }

    [Fact]
    public void Row27_VirtualGatewayRouteWithoutThePortHeaderMatch_IsPortNotCarriedAtHop3()
    {
        var finding = F6b0ceaAdminPortFixed().Findings.Single(f => f.Code == AnalysisCodes.PortNotCarried && f.Hop == Hop.Ingress);

        Assert.Equal("aws-eks", finding.Site);
        Assert.Equal("apps/api", finding.Service);
        Assert.Equal("GatewayRoute api-apps", finding.Resource);
        // The 9090 share stops earlier, at gcp's gateway port (row 2); the 8080 share reaches aws-eks's virtual gateway.
        Assert.Contains("gcp → apps/api:8080 [canary] v1@aws-eks (80%)", finding.Paths);
        Assert.DoesNotContain(F6b0ceaProbe.AnalyzeMain().Findings, f => f.Code == AnalysisCodes.PortNotCarried && f.Hop == Hop.Ingress);
    }

    [Fact]
    public void Row27_SingleHttpPortService_NeedsNoPortHeader()
    {
        Assert.DoesNotContain(F6b0ceaAdminPortFixed().Findings, f => f.Code == AnalysisCodes.PortNotCarried && f.Service == "shop/checkout");
    }

    [Fact]
    public void Row30_IstioRouteWithoutRetriesOnACrossSitePath_IsDefaultDiffers()
    {
        var finding = Finds(F6b0ceaAdminPortFixed(), AnalysisCodes.DefaultDiffers, "gcp", "apps/api");

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("2 retries", finding.Message);
        Assert.Equal("VirtualService apps/api", finding.Resource);
        Assert.DoesNotContain(F6b0ceaProbe.AnalyzeMain().Findings, f => f.Code == AnalysisCodes.DefaultDiffers);
    }

    [Fact]
    public void Row30_AppMeshRouteWithoutTimeoutOnACrossSitePath_IsDefaultDiffers()
    {
        var finding = Finds(F6b0ceaAdminPortFixed(), AnalysisCodes.DefaultDiffers, "aws-eks", "shop/payments");

        Assert.Contains("15 s", finding.Message);
        Assert.Equal("Route split", finding.Resource);
        // checkout declares 30 s, which f6b0cea wrote out: no default is left there.
        Assert.DoesNotContain(F6b0ceaAdminPortFixed().Findings, f => f.Code == AnalysisCodes.DefaultDiffers && f.Site == "aws-ecs");
    }

    [Fact]
    public void PortMissing_RouterWithoutAListenerForTheServicePort_StopsThePath()
    {
        var result = F6b0ceaAdminPortFixed(r => F6b0ceaProbe.Edit(r, "aws-ecs", "virtualrouter-checkout-shop", body =>
            body["spec"]!["listeners"]![0]!["portMapping"]!["port"] = 9999));

        var finding = Finds(result, AnalysisCodes.PortMissing, "aws-ecs", "shop/checkout");
        Assert.Equal("VirtualRouter checkout-shop", finding.Resource);
        Assert.Equal(Hop.CallerMesh, finding.Hop);
        Assert.Contains("aws-ecs → shop/checkout:8080 [canary] v1@aws-ecs (90%)", finding.Paths);
        FindsNone(F6b0ceaProbe.AnalyzeMain(), AnalysisCodes.PortMissing);
    }

    [Fact]
    public void PortMissing_ServiceEntryWithoutTheServicePort_StopsHop3()
    {
        var result = F6b0ceaAdminPortFixed(r => F6b0ceaProbe.Edit(r, "dc-k8s", "serviceentry-shop-inventory", body =>
            body["spec"]!["ports"]![0]!["number"] = 9999));

        var finding = Finds(result, AnalysisCodes.PortMissing, "dc-k8s", "shop/inventory");
        Assert.Contains("gcp → shop/inventory:8080 [default] v1@dc-k8s (100%)", finding.Paths);
        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.MutualIntoPlain && f.Service == "shop/inventory");
    }

    [Fact]
    public void TargetNotRendered_AppMeshRouteWithoutTheRemoteShare_StopsThatPathOnly()
    {
        var result = F6b0ceaAdminPortFixed(r => F6b0ceaProbe.Edit(r, "aws-ecs", "route-checkout-shop-canary", body =>
        {
            var targets = body["spec"]!["httpRoute"]!["action"]!["weightedTargets"]!.AsArray();
            targets.Remove(targets.First(t => t!["virtualNode"]!.GetValue<string>().EndsWith("-remote", StringComparison.Ordinal)));
        }));

        var finding = Finds(result, AnalysisCodes.TargetNotRendered, "aws-ecs", "shop/checkout");
        Assert.Equal("Route canary", finding.Resource);
        Assert.Equal(["aws-ecs → shop/checkout:8080 [canary] v2@gcp (10%)"], finding.Paths);
        FindsNone(F6b0ceaProbe.AnalyzeMain(), AnalysisCodes.TargetNotRendered);
    }

    [Fact]
    public void TargetNotRendered_IstioRouteWithoutTheGatewayDestination_StopsThatPathOnly()
    {
        var result = F6b0ceaAdminPortFixed(r => F6b0ceaProbe.Edit(r, "gcp", "virtualservice-shop-checkout", body =>
        {
            foreach (var route in body["spec"]!["http"]!.AsArray())
            {
                var destinations = route!["route"]!.AsArray();
                foreach (var toGateway in destinations.Where(d => d!["destination"]!["host"]!.GetValue<string>() == DataPath.GatewayHost).ToList())
                    destinations.Remove(toGateway);
            }
        }));

        var finding = Finds(result, AnalysisCodes.TargetNotRendered, "gcp", "shop/checkout");
        Assert.Equal("VirtualService shop/checkout", finding.Resource);
        Assert.Contains("gcp → shop/checkout:8080 [canary] v1@aws-ecs (90%)", finding.Paths);
    }
}
