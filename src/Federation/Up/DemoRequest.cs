using System.Net;
using MeshFed.Model;

namespace MeshFed.Federation.Up;

/// <summary>Builds one demo request for a service: one that some route's match accepts, from a caller the allow rules accept.</summary>
public static class DemoRequest
{
    /// <summary>
    /// A request to the gateway's local listener on <paramref name="localPort"/>, with a token from <paramref name="issuer"/> where the
    /// service wants one. From a caller on a VPC Lattice site (<paramref name="caller"/>) it arrives as Lattice delivers it to the
    /// gateway's target group: the caller's identity in <c>x-amzn-lattice-identity</c> (a role), not in <c>x-forwarded-client-cert</c>.
    /// </summary>
    public static HttpRequestMessage For(FederatedMesh mesh, Service service, Random random, int localPort, DemoIssuer? issuer = null, Site? caller = null)
    {
        var routes = service.EffectiveRoutes;
        // Mostly the last (usually catch-all) route, sometimes each of the others, so every route shows up.
        var route = routes.Count == 0 ? null : random.NextDouble() < 0.8 ? routes[^1] : routes[random.Next(routes.Count)];
        var match = route?.Match ?? RouteMatch.Any;
        var rule = service.Security.Allow.Count > 0 ? service.Security.Allow[random.Next(service.Security.Allow.Count)] : null;

        var method = match.Method ?? rule?.Methods.FirstOrDefault() ?? "GET";
        var path = match.Path is { Kind: not PathMatchKind.Regex } p ? (p.Kind == PathMatchKind.Prefix ? p.Value.TrimEnd('/') + "/demo" : p.Value)
            : rule?.Paths.FirstOrDefault() is { } allowed ? Concrete(allowed) : "/";
        var query = string.Join("&", match.QueryParams.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(Satisfying(q.Match))}"));
        var request = new HttpRequestMessage(new HttpMethod(method), $"http://127.0.0.1:{localPort}{(path.StartsWith('/') ? path : "/" + path)}{(query.Length > 0 ? "?" + query : "")}");
        var port = service.Ports.First(x => x.IsRequestAware);
        request.Headers.Host = $"{service.Name}.{service.Namespace}.svc.cluster.local:{port.Port}";
        if (port.IsHttp2)
        {
            // As the mesh's sidecar would: prior-knowledge HTTP/2 over cleartext to the gateway's local listener.
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        foreach (var header in match.Headers)
            request.Headers.TryAddWithoutValidation(header.Name, Satisfying(header.Match));
        if (caller is { Mesh: MeshKind.VpcLattice })
            request.Headers.TryAddWithoutValidation(LatticeIdentity.Header, LatticeRole(mesh, caller, service, rule));
        else
            request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", $"URI={(rule?.From.FirstOrDefault() is { } from ? CallerId(mesh, from) : "spiffe://cluster.local/ns/default/sa/demo-client")}");
        if (service.Security.Jwt is { } jwt && issuer is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {issuer.TokenFor(jwt)}");
        return request;
    }

    // As a caller the allow rule admits would be signed in: the declared role (deployments[].aws.role) of a service the
    // rule names that runs on the caller's site, which that site's gateway maps to the service's SPIFFE ID; else a role
    // the rule names (spiffe://<the site's meshTrustDomain>/aws/<account>/role/<role>, docs/lattice-datapath.md); else a
    // demo role, which a rule naming services does not admit, as in AWS.
    private static string LatticeRole(FederatedMesh mesh, Site site, Service service, AllowRule? rule)
    {
        var view = new SiteView(mesh, site);
        var roles = LatticeRoles.Of(mesh, site);
        var declared = rule?.From.Select(f => view.LocalCaller(service, f)).OfType<Service>().SelectMany(roles.RolesOf).FirstOrDefault();
        if (declared is not null)
            return LatticeIdentity.Of(declared, "demo");
        var prefix = $"spiffe://{site.MeshTrustDomain}/aws/";
        var role = rule?.From.Select(f => f.StartsWith(prefix, StringComparison.Ordinal) ? f[prefix.Length..].Split('/') : null)
            .FirstOrDefault(p => p is { Length: 3 } && p[1] == "role");
        return role is null
            ? LatticeIdentity.Of(LatticeStandIn.DemoAccount, "meshfed-demo-client", "demo")
            : LatticeIdentity.Of(role[0], role[2], "demo");
    }

    private static string Concrete(string allowPath) => allowPath switch
    {
        "*" => "/",
        _ when allowPath.EndsWith('*') => allowPath[..^1] + "demo",
        _ when allowPath.StartsWith('*') => "/demo" + allowPath[1..],
        _ => allowPath,
    };

    private static string Satisfying(StringMatch match) => match.Kind switch
    {
        StringMatchKind.Exact => match.Value,
        StringMatchKind.Prefix => match.Value + "demo",
        StringMatchKind.Suffix => "demo" + match.Value,
        _ => "1", // present; a regex gets a guess and may simply not match
    };

    private static string CallerId(FederatedMesh mesh, string from)
    {
        if (from.StartsWith("spiffe://", StringComparison.Ordinal))
            return from;
        var slash = from.IndexOf('/');
        var (ns, name) = slash > 0 ? (from[..slash], from[(slash + 1)..]) : (mesh.FindService(from)?.Namespace ?? "default", from);
        return $"spiffe://cluster.local/ns/{ns}/sa/{name}";
    }
}
