using MeshFed.Gateway.Trust;
using MeshFed.Model;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// A service's allow rules against one request, as Istio's AuthorizationPolicy reads them: no rules allow
/// everything; otherwise some rule must match the caller, the method and the path. A caller named by
/// service (<c>orders</c>, <c>shop/orders</c>) is the workload identity <c>…/ns/&lt;ns&gt;/sa/&lt;name&gt;</c> in the mesh
/// trust domain of one of the federation's sites (callers are bound to their asserting site's domain before this); a SPIFFE ID must match exactly.
/// </summary>
public static class AllowRules
{
    /// <summary>Whether the request is allowed.</summary>
    /// <param name="mesh">The manifest (to resolve service names to namespaces).</param>
    /// <param name="service">The service called.</param>
    /// <param name="caller">The caller's SPIFFE ID, null when unknown.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    public static bool Allows(FederatedMesh mesh, Service service, string? caller, string method, string path)
    {
        var rules = service.Security.Allow;
        return rules.Count == 0 || rules.Any(rule => Matches(mesh, rule, caller, method, path));
    }

    private static bool Matches(FederatedMesh mesh, AllowRule rule, string? caller, string method, string path) =>
        (rule.From.Count == 0 || (caller is not null && rule.From.Any(from => CallerIs(mesh, from, caller))))
        && (rule.Methods.Count == 0 || rule.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        && (rule.Paths.Count == 0 || rule.Paths.Any(p => PathMatches(p, path)));

    /// <summary>Whether the caller's SPIFFE ID is the one <paramref name="from"/> names.</summary>
    public static bool CallerIs(FederatedMesh mesh, string from, string caller)
    {
        if (from.StartsWith("spiffe://", StringComparison.Ordinal))
            return string.Equals(from, caller, StringComparison.Ordinal);
        var id = SpiffeId.TryParse(caller);
        // A name means a workload of one of the federation's meshes, never the same path in a foreign trust domain.
        if (id is null || !mesh.Sites.Any(s => string.Equals(s.MeshTrustDomain, id.TrustDomain, StringComparison.Ordinal)))
            return false;
        var slash = from.IndexOf('/');
        var (ns, name) = slash > 0
            ? (from[..slash], from[(slash + 1)..])
            : (mesh.FindService(from)?.Namespace ?? "default", from);
        return id.Path == $"/ns/{ns}/sa/{name}";
    }

    /// <summary>Istio's path forms: exact, <c>/prefix/*</c>, <c>*suffix</c>, <c>*</c>.</summary>
    public static bool PathMatches(string pattern, string path)
    {
        if (pattern == "*")
            return true;
        if (pattern.EndsWith('*'))
            return path.StartsWith(pattern[..^1], StringComparison.Ordinal);
        if (pattern.StartsWith('*'))
            return path.EndsWith(pattern[1..], StringComparison.Ordinal);
        return path == pattern;
    }
}
