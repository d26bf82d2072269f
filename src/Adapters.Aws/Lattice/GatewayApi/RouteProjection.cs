using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// One Lattice service of the api/ rendering as an HTTPRoute (HTTP and HTTPS listeners) or a GRPCRoute (gRPC ports): the
/// custom domain as its hostname, the listener as its parentRef's section, the listener rules in priority order as its
/// rules (the controller gives rules priorities in rule order, "Rule Priority Configuration",
/// github.com/aws/aws-application-networking-k8s docs/guides/advanced-configurations.md), and the listener's default
/// forward as a last rule without matches. Each api/ rule has one match, and the controller takes one match per rule.
/// </summary>
internal static class RouteProjection
{
    /// <summary>Lattice listener rule priorities the controller assigns: 1–100 (CreateRule's <c>priority</c> range, Smithy model).</summary>
    public const int MaxRules = 100;

    public static KubernetesObject Route(LatticeContext context, Service service, CreateServiceInput lattice, CreateListenerInput listener,
        IReadOnlyList<CreateRuleInput> rules, RouteBackends backends)
    {
        var grpc = service.Ports.Single(p => p.Port == listener.Port).Protocol == ServiceProtocol.Grpc;
        var projected = new JsonArray();
        foreach (var rule in rules)
        {
            var match = grpc ? MatchProjection.Grpc(rule.Match.HttpMatch, out var refusal) : MatchProjection.Http(rule.Match.HttpMatch, out refusal);
            if (match is null)
            {
                context.Warn(service, $"gateway-api.rules[{rule.Name}]",
                    $"not in gateway-api/ (api/ renders it): {refusal}. On EKS its requests fall through to the next rule");
                continue;
            }
            if (!grpc && rule.Match.HttpMatch.PathMatch is not null)
            {
                context.Warn(service, "gateway-api.paths",
                    "the AWS Gateway API Controller matches paths case-insensitively (\"HTTPRoute API Reference\", limitations), where api/ and the manifest match them case-sensitively: on EKS /API also takes a rule for /api");
            }
            projected.Add(Rule(rule.Name, match, rule.Action, backends));
        }
        if (listener.DefaultAction.Forward is not null)
            projected.Add(Rule(name: null, match: null, listener.DefaultAction, backends));
        if (projected.Count > MaxRules)
        {
            context.Warn(service, "gateway-api.rules",
                $"the route has {projected.Count} rules and the controller numbers at most {MaxRules} priorities: the rules after the {MaxRules}th are not in gateway-api/");
            while (projected.Count > MaxRules)
                projected.RemoveAt(projected.Count - 1);
        }
        var spec = new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject
            {
                ["group"] = GatewayApiNames.GatewayGroup,
                ["kind"] = "Gateway",
                ["name"] = context.ServiceNetworkName,
                ["namespace"] = GatewayApiNames.GatewayNamespace,
                ["sectionName"] = listener.Name,
            }),
            // The custom domain: the route's hostname is the Lattice service's custom domain ("Configure a Custom Domain
            // Name for HTTPRoute", docs/guides/custom-domain-name.md; with HTTPS it MUST match the certificate, docs/guides/https.md).
            ["hostnames"] = new JsonArray(lattice.CustomDomainName),
            ["rules"] = projected,
        };
        return GatewayApiProjection.Object(context, GatewayApiNames.GatewayApiVersion, grpc ? "GRPCRoute" : "HTTPRoute", service.Name, service.Namespace, spec);
    }

    private static JsonObject Rule(string? name, JsonObject? match, RuleAction action, RouteBackends backends)
    {
        var rule = new JsonObject();
        if (name is not null)
            rule["name"] = name;
        if (match is not null)
            rule["matches"] = new JsonArray(match);
        if (action.Forward is { } forward)
            rule["backendRefs"] = new JsonArray([.. forward.TargetGroups.Select(t => (JsonNode)backends.BackendRef(t.TargetGroupIdentifier, t.Weight))]);
        return rule;
    }
}
