using MeshFed.Gateway.Trust;
using MeshFed.Model;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// A service's allow rules against one request, as Istio's AuthorizationPolicy reads them: no rules allow
/// everything; otherwise some rule must match the caller, the method and the path. A caller named by
/// service (<c>orders</c>, <c>shop/orders</c>) is the workload identity <c>…/ns/&lt;ns&gt;/sa/&lt;name&gt;</c> in the mesh
/// trust domain of one of the federation's sites (callers are bound to their asserting site's domain before this); a SPIFFE ID must match exactly.
/// A site gateway's federation ID (<c>spiffe://&lt;trustDomain&gt;/site/&lt;s&gt;/gateway</c>) names no caller: it admits every
/// request that arrived over the federation link from site <c>s</c>'s gateway, whose identity the link's mTLS proved
/// (site-bound intermediate, <see cref="PeerVerifier"/>). That is how a rule admits the callers of a site that cannot
/// name them (App Mesh forwards no caller identity), without trusting anything the caller says.
/// </summary>
/// <remarks>
/// Every request that reaches a service with rules runs this, so it is written with indexed loops and span
/// comparisons: no closures, enumerators or substrings per request, and the caller parsed at most once.
/// </remarks>
public static class AllowRules
{
    /// <summary>Whether the request is allowed.</summary>
    /// <param name="mesh">The manifest (to resolve service names to namespaces).</param>
    /// <param name="service">The service called.</param>
    /// <param name="caller">The caller's SPIFFE ID, null when unknown.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path.</param>
    /// <param name="peerSite">The site whose gateway sent the request over the federation link (its mTLS identity), null when it came from this site's mesh.</param>
    public static bool Allows(FederatedMesh mesh, Service service, string? caller, string method, string path, string? peerSite = null)
    {
        var rules = service.Security.Allow;
        if (rules.Count == 0)
            return true;
        var parsed = new ParsedCaller(caller);
        for (var i = 0; i < rules.Count; i++)
        {
            if (Matches(mesh, rules[i], ref parsed, peerSite, method, path))
                return true;
        }
        return false;
    }

    private static bool Matches(FederatedMesh mesh, AllowRule rule, ref ParsedCaller caller, string? peerSite, string method, string path) =>
        FromMatches(mesh, rule.From, ref caller, peerSite) && MethodMatches(rule.Methods, method) && PathMatches(rule.Paths, path);

    private static bool FromMatches(FederatedMesh mesh, IReadOnlyList<string> from, ref ParsedCaller caller, string? peerSite)
    {
        if (from.Count == 0)
            return true;
        for (var i = 0; i < from.Count; i++)
        {
            if (peerSite is not null && IsGatewayOf(from[i], mesh.TrustDomain, peerSite))
                return true;
            if (caller.Text is { } text && CallerIs(mesh, from[i], text, ref caller))
                return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="from"/> is site <paramref name="site"/>'s gateway ID (<see cref="DataPath.GatewaySpiffeId"/>), compared without allocating.</summary>
    public static bool IsGatewayOf(string from, string trustDomain, string site)
    {
        ReadOnlySpan<char> rest = from;
        return Take(ref rest, "spiffe://") && Take(ref rest, trustDomain) && Take(ref rest, "/site/") && Take(ref rest, site) && rest.SequenceEqual("/gateway");

        static bool Take(ref ReadOnlySpan<char> text, ReadOnlySpan<char> prefix)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
                return false;
            text = text[prefix.Length..];
            return true;
        }
    }

    private static bool MethodMatches(IReadOnlyList<string> methods, string method)
    {
        if (methods.Count == 0)
            return true;
        for (var i = 0; i < methods.Count; i++)
        {
            if (string.Equals(methods[i], method, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    private static bool PathMatches(IReadOnlyList<string> paths, string path)
    {
        if (paths.Count == 0)
            return true;
        for (var i = 0; i < paths.Count; i++)
        {
            if (PathMatches(paths[i], path))
                return true;
        }
        return false;
    }

    /// <summary>Whether the caller's SPIFFE ID is the one <paramref name="from"/> names.</summary>
    public static bool CallerIs(FederatedMesh mesh, string from, string caller)
    {
        var parsed = new ParsedCaller(caller);
        return CallerIs(mesh, from, caller, ref parsed);
    }

    private static bool CallerIs(FederatedMesh mesh, string from, string caller, ref ParsedCaller parsed)
    {
        if (from.StartsWith("spiffe://", StringComparison.Ordinal))
            return string.Equals(from, caller, StringComparison.Ordinal);
        var id = parsed.Id;
        // A name means a workload of one of the federation's meshes, never the same path in a foreign trust domain.
        if (id is null || !IsFederationMeshDomain(mesh, id.TrustDomain))
            return false;
        var slash = from.IndexOf('/');
        ReadOnlySpan<char> ns, name;
        if (slash > 0)
        {
            ns = from.AsSpan(0, slash);
            name = from.AsSpan(slash + 1);
        }
        else
        {
            ns = mesh.FindService(from)?.Namespace ?? "default";
            name = from;
        }
        // id.Path == $"/ns/{ns}/sa/{name}", compared piece by piece.
        var rest = id.Path.AsSpan();
        return Consume(ref rest, "/ns/") && Consume(ref rest, ns) && Consume(ref rest, "/sa/") && rest.SequenceEqual(name);
    }

    private static bool IsFederationMeshDomain(FederatedMesh mesh, string trustDomain)
    {
        for (var i = 0; i < mesh.Sites.Count; i++)
        {
            if (string.Equals(mesh.Sites[i].MeshTrustDomain, trustDomain, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool Consume(ref ReadOnlySpan<char> text, ReadOnlySpan<char> prefix)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        text = text[prefix.Length..];
        return true;
    }

    /// <summary>Istio's path forms: exact, <c>/prefix/*</c>, <c>*suffix</c>, <c>*</c>.</summary>
    public static bool PathMatches(string pattern, string path)
    {
        if (pattern == "*")
            return true;
        if (pattern.EndsWith('*'))
            return path.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        if (pattern.StartsWith('*'))
            return path.AsSpan().EndsWith(pattern.AsSpan(1), StringComparison.Ordinal);
        return path == pattern;
    }

    // The caller's SPIFFE ID, parsed on first use and then reused by every rule and name of the request.
    private struct ParsedCaller(string? text)
    {
        private SpiffeId? _id;
        private bool _parsed;

        public readonly string? Text => text;

        public SpiffeId? Id
        {
            get
            {
                if (!_parsed)
                {
                    _id = SpiffeId.TryParse(text);
                    _parsed = true;
                }
                return _id;
            }
        }
    }
}
