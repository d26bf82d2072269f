using System.Text.Json;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Unset retries and timeouts mean different things on the sites of one cross-site path (the fidelity review
/// of 2026-12-02, row 30): an Istio http route without <c>retries</c> retries twice (istio.io, "Traffic
/// Management", Retries: "The default retry behavior for HTTP requests is to retry twice before returning the
/// error"); an App Mesh route without <c>timeout</c> cuts requests at 15 s (API reference, HttpTimeout /
/// GrpcTimeout perRequest: "The default value is 15 seconds"); the meshfed gateway applies neither unless the
/// manifest declares it (docs/gateway.md). A rendered route that leaves such a default on a path that crosses
/// the gateway behaves unlike the rest of the path; writing the manifest's value out everywhere removes it.
/// </summary>
internal static class CrossSiteDefaults
{
    /// <summary>An Istio http route (the caller's, or the serving site's pinned route) that the path takes.</summary>
    public static void IstioRoute(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, RenderedDocument virtualService, JsonElement? route)
    {
        if (!path.IsRemote || route.At("retries") is not null)
            return;
        trace.Warn(context.Finding(AnalysisCodes.DefaultDiffers, hop, site, path.Service, path.Route, virtualService,
            $"http route '{route.Str("name")}' has no retries, so Istio applies its default retry policy (2 retries) on {site}, while the meshfed gateway{(path.Caller.Mesh == Model.MeshKind.AppMesh || path.Serving.Mesh == Model.MeshKind.AppMesh ? " and App Mesh" : "")} retry nothing the manifest does not declare",
            "Render retries: {attempts: 0} on every http route when the manifest declares no retries (and the declared policy when it does).",
            Severity.Warning));
    }

    /// <summary>An App Mesh route (the caller's, or the serving site's pinned route) that the path takes.</summary>
    public static void AppMeshRoute(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, RenderedDocument route, JsonElement? routeSpec)
    {
        if (!path.IsRemote || routeSpec.At("timeout", "perRequest") is not null)
            return;
        trace.Warn(context.Finding(AnalysisCodes.DefaultDiffers, hop, site, path.Service, path.Route, route,
            $"route '{route.Name}' has no timeout, so App Mesh cuts requests at its default 15 s on {site}, while Istio and the meshfed gateway wait {(path.Timeout is { } t ? $"the manifest's {t.TotalSeconds:0.###} s" : "without limit")}",
            "Render the route's timeout.perRequest explicitly on every App Mesh route (the manifest's timeout, or App Mesh's 15 s written out) and the same on the listeners it targets.",
            Severity.Warning));
    }
}
