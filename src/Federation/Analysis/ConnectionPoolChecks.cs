using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// The manifest's circuit-breaker limits against the connection pool of each local version's App Mesh virtual
/// node (the fidelity review of 2026-12-02, row 25). App Mesh has one pool shape per listener protocol (API
/// reference, VirtualNodeConnectionPool, docs.aws.amazon.com/app-mesh/latest/APIReference/API_VirtualNodeConnectionPool.html:
/// "Only one protocol is used at a time and should be the same protocol as the one chosen under port mapping"):
/// <c>http</c> has maxConnections and maxPendingRequests, <c>tcp</c> maxConnections, <c>http2</c> and <c>grpc</c>
/// only maxRequests (VirtualNodeHttp2ConnectionPool, VirtualNodeGrpcConnectionPool). A limit the shape cannot
/// hold is dropped; that is a warning unless the render said so.
/// </summary>
internal static class ConnectionPoolChecks
{
    public static IEnumerable<AnalysisFinding> Run(AnalysisContext context, Site site)
    {
        var rendered = context.Rendering.Of(site.Name);
        foreach (var service in context.Mesh.Services)
        {
            if (service.Traffic.CircuitBreaker is not { } breaker)
                continue;
            foreach (var version in service.Deployments.Where(d => d.Site == site.Name).Select(d => d.Version).Distinct())
            {
                var node = rendered.Named(AppMeshKinds.VirtualNode, $"{service.Name}-{service.Namespace}-{version}");
                if (node is null)
                    continue;
                foreach (var port in service.Ports.Where(p => p.IsRequestAware || p.Protocol == ServiceProtocol.Tcp))
                {
                    var listener = node.Spec.Items("listeners").FirstOrNull(l => l.Int("portMapping", "port") == port.Port);
                    if (listener is null)
                        continue;
                    var protocol = listener.Str("portMapping", "protocol") ?? "http";
                    var pool = listener.At("connectionPool", protocol);
                    var dropped = Declared(breaker).Where(f => pool.At(f.Field) is null && !Reported(rendered, service, f.Field)).Select(f => $"{f.Field}: {f.Value}").ToList();
                    if (dropped.Count == 0)
                        continue;
                    yield return context.Finding(AnalysisCodes.ConnectionPoolDropped, Hop.Callee, site.Name, service, breaker, node,
                        $"the circuit breaker declares {string.Join(", ", dropped)}, and virtual node {node.Name}'s {protocol} listener (port {port.Port}) has no such limit{(protocol is "http2" or "grpc" ? " (App Mesh's " + protocol + " pool has only maxRequests)" : "")}; nothing said so, so the limit is silently not enforced by App Mesh",
                        $"Render what the {protocol} pool has (maxRequests on http2/grpc) and say at render time which limits App Mesh cannot enforce (the meshfed gateway enforces them for cross-site traffic).",
                        Severity.Warning);
                }
            }
        }
    }

    private static IEnumerable<(string Field, int Value)> Declared(CircuitBreaker breaker)
    {
        if (breaker.MaxConnections is { } connections)
            yield return ("maxConnections", connections);
        if (breaker.MaxPendingRequests is { } pending)
            yield return ("maxPendingRequests", pending);
        if (breaker.MaxRequests is { } requests)
            yield return ("maxRequests", requests);
    }

    // What the render said it could not map (a diagnostic on the service's circuitBreaker, or on that field).
    private static bool Reported(RenderedSite site, Service service, string field) =>
        site.Reported.Any(d => d.Service == service.Name && (d.Concept == "circuitBreaker" || d.Concept == $"circuitBreaker.{field}"));
}
