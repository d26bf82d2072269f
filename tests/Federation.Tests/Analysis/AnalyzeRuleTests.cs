using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// Each rule against the probe's frozen rendering with the fault repaired the way the review says: the
/// finding must go away, so no rule fires on everything. (AnalyzeF6b0ceaTests shows each one fires.)
/// </summary>
public sealed class AnalyzeRuleTests
{
    private static AnalysisResult Analyze(Func<RenderedFederation, RenderedFederation> edit, GatewayModules? modules = null)
    {
        var (mesh, loaded) = F6b0ceaProbe.Load();
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, edit(F6b0ceaProbe.WithAdminPortFixed(F6b0ceaProbe.Read())), null, modules ?? F6b0ceaProbe.Modules);
    }

    private static bool Has(AnalysisResult result, string code, string site, string service) =>
        result.Findings.Any(f => f.Code == code && f.Site == site && f.Service == service);

    [Fact]
    public void ReservedPort_AdminPortOutOfIstiosSet_IsNotReported()
    {
        var result = Analyze(r => r);

        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.ReservedPort);
    }

    [Fact]
    public void ProtocolDowngrade_DestinationRuleKeepsTheClientProtocol_IsNotReported()
    {
        var rule = new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "DestinationRule",
            ["metadata"] = new JsonObject { ["name"] = "meshfed-gateway", ["namespace"] = DataPath.GatewayNamespace },
            ["spec"] = new JsonObject
            {
                ["host"] = DataPath.GatewayHost,
                ["trafficPolicy"] = new JsonObject { ["connectionPool"] = new JsonObject { ["http"] = new JsonObject { ["useClientProtocol"] = true } } },
            },
        };

        var result = Analyze(r => Add(r, "gcp", new RenderedDocument("gcp", "destinationrule-meshfed-system-meshfed-gateway.yaml", "DestinationRule", "meshfed-gateway", DataPath.GatewayNamespace, rule)));

        Assert.False(Has(result, AnalysisCodes.ProtocolDowngrade, "gcp", "apps/api"));
        Assert.Contains(result.Paths, p => p.Caller == "gcp" && p.Service == "apps/api" && p.Port == 9090 && p.Serving == "aws-eks" && p.Status != AnalysisCodes.ProtocolDowngrade);
    }

    [Fact]
    public void AppMeshPortMatch_RoutesMatchTheirListenersPort_IsNotReported()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "aws-eks", "route-api-apps", body =>
        {
            var spec = body["spec"]!.AsObject();
            var type = spec.ContainsKey("http2Route") ? "http2Route" : "httpRoute";
            spec[type]!["match"]!["port"] = 9090;
        }));

        Assert.False(Has(result, AnalysisCodes.AppMeshPortMatch, "aws-eks", "apps/api"));
    }

    [Fact]
    public void AppMeshProtocolMismatch_Http2EndToEnd_IsNotReported()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "aws-eks", "ledger", body =>
        {
            foreach (var listener in body["spec"]?["listeners"]?.AsArray() ?? [])
                listener!["portMapping"]!["protocol"] = "http2";
        }));

        Assert.False(Has(result, AnalysisCodes.AppMeshProtocolMismatch, "aws-eks", "core/ledger"));
    }

    [Fact]
    public void MutualIntoPlain_TlsDisabledForStaticEndpoints_IsNotReported()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "dc-k8s", "destinationrule-shop-inventory", body =>
            body["spec"]!["trafficPolicy"]!["tls"]!["mode"] = "DISABLE"));

        Assert.False(Has(result, AnalysisCodes.MutualIntoPlain, "dc-k8s", "shop/inventory"));
        Assert.Contains(result.Paths, p => p.Caller == "gcp" && p.Service == "shop/inventory" && p.Status == PathStatus.Ok);
    }

    [Fact]
    public void EmptyVirtualService_NotRendered_IsNotReported()
    {
        var result = Analyze(r => new RenderedFederation(r.Sites.ToDictionary(s => s.Key, s => s.Value with
        {
            Documents = [.. s.Value.Documents.Where(d => !d.File.Contains("db-data", StringComparison.Ordinal))],
        })));

        Assert.False(Has(result, AnalysisCodes.EmptyVirtualService, "gcp", "data/db"));
    }

    [Fact]
    public void TimeoutCut_ListenerTimeoutAtLeastTheRoutes_IsNotReported()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "aws-ecs", "virtualnode-checkout-shop", body =>
            body["spec"]!["listeners"]![0]!["timeout"] = JsonNode.Parse("""{"http":{"perRequest":{"value":30,"unit":"s"}}}""")));

        Assert.False(Has(result, AnalysisCodes.TimeoutCut, "aws-ecs", "shop/checkout"));
    }

    [Fact]
    public void LayeredRetries_OnlyConnectFailureTowardsTheGateway_IsNotReported()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "gcp", "virtualservice-shop-checkout", body =>
        {
            foreach (var route in body["spec"]!["http"]!.AsArray())
            {
                if (route!["retries"] is JsonObject retries)
                    retries["retryOn"] = "connect-failure";
            }
        }));

        Assert.False(Has(result, AnalysisCodes.LayeredRetries, "gcp", "shop/checkout"));
    }

    private static RenderedFederation DiscoverTheGatewayInCloudMap(RenderedFederation rendering) =>
        F6b0ceaProbe.Edit(rendering, "aws-ecs", "virtualnode-checkout-shop-remote", body =>
            body["spec"]!["serviceDiscovery"] = new JsonObject
            {
                ["awsCloudMap"] = new JsonObject { ["namespaceName"] = DataPath.AwsCloudMapNamespace, ["serviceName"] = DataPath.GatewayService },
            });

    [Fact]
    public void NameUnresolved_RemoteNodeDiscoversTheGatewayInCloudMapThatF6b0ceasModuleNeverRegistered_StaysReported()
    {
        var result = Analyze(DiscoverTheGatewayInCloudMap);

        var finding = result.Findings.Single(f => f.Code == AnalysisCodes.NameUnresolved && f.Site == "aws-ecs" && f.Service == "shop/checkout");
        Assert.Contains($"Cloud Map {DataPath.AwsCloudMapNamespace}/{DataPath.GatewayService}", finding.Message);
    }

    [Fact]
    public void NameUnresolved_RemoteNodeDiscoversTheGatewayInCloudMapWhereTheModuleRegistersIt_IsNotReported()
    {
        var result = Analyze(DiscoverTheGatewayInCloudMap, F6b0ceaProbe.Modules with { EcsRegistersInCloudMap = true });

        Assert.False(Has(result, AnalysisCodes.NameUnresolved, "aws-ecs", "shop/checkout"));
        // The path goes on to the next fault on its way (the serving side's hop 3), not a name.
        Assert.Contains(result.Paths, p => p.Caller == "aws-ecs" && p.Service == "shop/checkout" && p.Serving != "aws-ecs" && p.Status != AnalysisCodes.NameUnresolved);
    }

    [Fact]
    public void PlaintextIntoStrict_DeliveryThroughTheVirtualGatewayBesideTheGateway_IsNotReported()
    {
        // f6b0cea's ingress port (15081) is the one its tfvars give the virtual gateway's Envoy.
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "aws-ecs", "gateway-peer-clusters.json", body =>
            body["destinations"] = new JsonArray("http://127.0.0.1:15081/")));

        Assert.False(Has(result, AnalysisCodes.PlaintextIntoStrict, "aws-ecs", "shop/checkout"));
        // Through the virtual gateway, the path meets the next fault: its SDS certificate on ECS (row 9).
        Assert.Contains(result.Paths, p => p.Caller == "gcp" && p.Service == "shop/checkout" && p.Serving == "aws-ecs" && p.Status == AnalysisCodes.CertificateSource);
    }

    [Fact]
    public void NoCallerIdentity_CallerSiteWithAnIstioSidecarInFrontOfItsGateway_IsNotReported()
    {
        var result = Analyze(r => r);

        // gcp's gateway has a sidecar: callers there present an identity (none is named by the rules, though).
        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.NoCallerIdentity && f.Site == "gcp");
        Assert.Contains(result.Findings, f => f.Code == AnalysisCodes.NoCallerIdentity && f.Site == "aws-eks");
    }

    private static RenderedFederation Add(RenderedFederation rendering, string site, RenderedDocument document) =>
        new(rendering.Sites.ToDictionary(s => s.Key, s => s.Key != site ? s.Value : s.Value with { Documents = [.. s.Value.Documents, document] }));
}
