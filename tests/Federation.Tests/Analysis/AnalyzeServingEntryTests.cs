using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// MF715 (no entry for what the gateway delivers) and MF716 (the ALLOW policy does not admit the gateway),
/// each on this checkout's rendering of the Istio probe (testdata/analyze/f6b0cea-istio/input), which has
/// neither fault, with the one fault put in.
/// </summary>
public sealed class AnalyzeServingEntryTests
{
    private const string Served = "gcp-us → shop/orders:8080 [canary] v1@csm (90%)";

    private static AnalysisResult Analyze(Func<RenderedFederation, RenderedFederation> edit)
    {
        var (mesh, loaded) = F6b0ceaProbe.Istio.Load();
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, edit(RenderedFederation.Render(mesh)), null, GatewayModules.Current);
    }

    private static AnalysisFinding Single(AnalysisResult result, string code) =>
        Assert.Single(result.Findings, f => f.Code == code);

    [Fact]
    public void NoServingEntry_AsRendered_IsNotReported()
    {
        var result = Analyze(r => r);

        Assert.DoesNotContain(result.Findings, f => f.Code is AnalysisCodes.NoServingEntry or AnalysisCodes.PolicyDeniesGateway);
        Assert.Contains(result.Paths, p => $"{p.Caller} → {p.Service}:{p.Port} [{p.Route}] {p.Version}@{p.Serving} ({p.Weight}%)" == Served && p.Status == PathStatus.Ok);
    }

    [Fact]
    public void NoServingEntry_ServingVirtualServiceWithoutThePinnedRoute_StopsTheGatewaysRequestsAtIngress()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "csm", "virtualservice-shop-orders", body =>
        {
            var http = body["spec"]!["http"]!.AsArray();
            foreach (var pinned in http.Where(h => h!["match"]?.ToJsonString().Contains("x-meshfed-version", StringComparison.Ordinal) == true).ToList())
                http.Remove(pinned);
        }));

        var finding = Single(result, AnalysisCodes.NoServingEntry);
        Assert.Equal("csm", finding.Site);
        Assert.Equal(Hop.Ingress, finding.Hop);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("x-meshfed-version: v1", finding.Message);
        Assert.Contains(Served, finding.Paths);
        // csm's own callers never pass the gateway.
        Assert.DoesNotContain(finding.Paths, p => p.StartsWith("csm →", StringComparison.Ordinal));
    }

    [Fact]
    public void NoServingEntry_GatewayWithoutADeliveryForTheVersion_IsReportedAgainstItsPlan()
    {
        const string cluster = "local/orders.shop.svc.cluster.local/v1/8080";

        var result = Analyze(r => new RenderedFederation(r.Sites.ToDictionary(s => s.Key, s => s.Key != "csm" ? s.Value : s.Value with
        {
            Documents = [.. s.Value.Documents.Where(d => !(d.Kind == RenderedDocument.GatewayClusterKind && d.Name == cluster))],
        })));

        var finding = Single(result, AnalysisCodes.NoServingEntry);
        Assert.Equal("gateway-peer-clusters.json", finding.File);
        Assert.Equal(cluster, finding.Resource);
        Assert.Contains(Served, finding.Paths);
    }

    [Fact]
    public void PolicyDeniesGateway_AllowPolicyWithoutTheGatewaysPrincipal_DeniesEveryOtherSite()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "csm", "authorizationpolicy-shop-orders", body =>
        {
            var rules = body["spec"]!["rules"]!.AsArray();
            foreach (var gateway in rules.Where(IsGatewayRule).ToList())
                rules.Remove(gateway);
        }));

        var finding = Single(result, AnalysisCodes.PolicyDeniesGateway);
        Assert.Equal("csm", finding.Site);
        Assert.Equal(Hop.Callee, finding.Hop);
        Assert.Equal("AuthorizationPolicy shop/orders", finding.Resource);
        Assert.Contains(Served, finding.Paths);
        Assert.Contains("dc → shop/orders:8080 [canary] v1@csm (90%)", finding.Paths);
    }

    [Fact]
    public void PolicyDeniesGateway_RuleWithoutFrom_AdmitsTheGateway()
    {
        var result = Analyze(r => F6b0ceaProbe.Edit(r, "csm", "authorizationpolicy-shop-orders", body =>
        {
            var rules = body["spec"]!["rules"]!.AsArray();
            foreach (var gateway in rules.Where(IsGatewayRule).ToList())
                rules.Remove(gateway);
            rules.Add(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["operation"] = new JsonObject { ["methods"] = new JsonArray("GET") } }) });
        }));

        Assert.DoesNotContain(result.Findings, f => f.Code == AnalysisCodes.PolicyDeniesGateway);
    }

    private static bool IsGatewayRule(JsonNode? rule) =>
        rule?["from"]?.ToJsonString().Contains($"/ns/{DataPath.GatewayNamespace}/sa/{DataPath.GatewayServiceAccount}", StringComparison.Ordinal) == true;
}
