using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A service's allow rules (and JWT requirement) as AuthorizationPolicies. Callers on other sites arrive
/// through the meshfed gateway, so the gateway's principal is allowed for services served to other sites
/// (the gateway has already enforced the allow rules with the original caller's identity), and denied for
/// everything else.
/// </summary>
internal static class AuthorizationTranslator
{
    public static IEnumerable<IstioResource> Translate(IstioContext context, Service service)
    {
        var security = service.Security;
        var jwtRequired = security.Jwt is { Required: true };
        var gateway = IstioNames.Principal(context.MeshTrustDomain, DataPath.GatewayNamespace, DataPath.GatewayServiceAccount);
        var servedToOthers = context.View.ServedToOtherSites(service);

        if (security.Allow.Count > 0 || jwtRequired)
        {
            var rules = security.Allow.DefaultIfEmpty(new AllowRule()).Select(allow => Rule(context, service, allow, jwtRequired)).ToList();
            if (servedToOthers)
                rules.Add(Rule(context, service, new AllowRule { From = [$"spiffe://{gateway}"] }, jwtRequired));
            yield return new(service.Name, service.Namespace, new AuthorizationPolicySpec(context.WorkloadSelector(service), AuthorizationAction.Allow, rules));
        }
        else if (!servedToOthers)
        {
            yield return new($"{service.Name}-deny-other-sites", service.Namespace, new AuthorizationPolicySpec(
                context.WorkloadSelector(service),
                AuthorizationAction.Deny,
                [new Rule(From: [new RuleFrom(new Source(Principals: [gateway]))])]));
        }
    }

    private static Rule Rule(IstioContext context, Service service, AllowRule allow, bool jwtRequired)
    {
        var source = new Source(
            Principals: allow.From.Count > 0 ? [.. allow.From.Select(f => Principal(context, service, f))] : null,
            RequestPrincipals: jwtRequired ? ["*"] : null);
        var operation = new Operation(
            Methods: allow.Methods.Count > 0 ? allow.Methods : null,
            Paths: allow.Paths.Count > 0 ? allow.Paths : null);
        return new Rule(
            From: source is { Principals: null, RequestPrincipals: null } ? null : [new RuleFrom(source)],
            To: operation is { Methods: null, Paths: null } ? null : [new RuleTo(operation)]);
    }

    /// <summary>Service names become the principal of their workloads in this site's mesh; SPIFFE IDs lose their scheme.</summary>
    private static string Principal(IstioContext context, Service service, string caller)
    {
        if (caller.StartsWith("spiffe://", StringComparison.Ordinal))
        {
            if (context.View.Mesh.Sites.Any(s => caller == DataPath.GatewaySpiffeId(context.View.Mesh.TrustDomain, s.Name)))
            {
                // Istio principals are the peer certificate's URI SAN without the scheme (istio.io AuthorizationPolicy,
                // "Source.principals"); the callee's sidecar sees the local gateway's mesh identity on every cross-site
                // request, never a peer gateway's federation certificate, so this principal matches nothing here.
                context.Warn(service, "security.allow.from",
                    $"'{caller}' is a meshfed gateway's federation identity: it is checked only by the meshfed gateways (on the peer link); the rendered AuthorizationPolicy principal matches no workload in this mesh, where cross-site requests arrive as {IstioNames.Principal(context.MeshTrustDomain, DataPath.GatewayNamespace, DataPath.GatewayServiceAccount)}");
            }
            return caller["spiffe://".Length..];
        }
        var parts = caller.Split('/');
        var named = parts.Length == 2 ? context.View.Mesh.FindService(parts[1], parts[0]) : context.View.Mesh.FindService(parts[0]);
        var name = parts[^1];
        return IstioNames.Principal(context.MeshTrustDomain, named?.Namespace ?? (parts.Length == 2 ? parts[0] : "default"), name);
    }
}
