using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// Field-level comparison of a desired resource with the existing one, split into what the Update operations can
/// change (the members of UpdateServiceNetwork, UpdateService, UpdateListener, UpdateRule, UpdateTargetGroup in the
/// Smithy model vpc-lattice-2022-11-30; PutAuthPolicy and RegisterTargets for the rest) and what they cannot.
/// Placeholders of resources that exist are replaced by their ids first; one that stays names a resource apply
/// creates, and so differs.
/// </summary>
public static class LatticeFieldDiff
{
    /// <summary>(differences an update fixes, differences only a new resource fixes), each <c>member: actual → desired</c>.</summary>
    public static (IReadOnlyList<string> Drift, IReadOnlyList<string> Fixed) Compare(LatticeDesired desired, LatticeActual actual, IReadOnlyDictionary<string, string> knownIds)
    {
        var input = (JsonObject)LatticePlaceholders.Resolve(desired.Input, p => knownIds.GetValueOrDefault(p))!;
        var fields = actual.Fields;
        List<string> drift = [], fixedDrift = [];
        void Diff(List<string> into, string path, JsonNode? wanted, JsonNode? found) => into.AddRange(SpecDiff.Compare(wanted, found, path));
        void Member(List<string> into, string path) => Diff(into, path, At(input, path), At(fields, path));
        switch (desired.Kind)
        {
            case LatticeResourceKind.ServiceNetwork:
                Member(drift, "authType");
                break;
            case LatticeResourceKind.TargetGroup:
                foreach (var path in new[] { "type", "config.port", "config.protocol", "config.protocolVersion", "config.vpcIdentifier" })
                    Member(fixedDrift, path);
                // Lattice describes every health-check member; meshfed sets some and leaves the rest at Lattice's defaults.
                if (At(input, "config.healthCheck") is JsonObject health)
                    Diff(drift, "config.healthCheck", health, Only(At(fields, "config.healthCheck") as JsonObject, health));
                break;
            case LatticeResourceKind.Targets:
                // Targets registered by others (ECS, the AWS Gateway API Controller) are theirs: only missing ones count.
                var registered = (At(fields, "targets") as JsonArray ?? []).Select(Target).ToList();
                foreach (var target in At(input, "targets") as JsonArray ?? [])
                {
                    var (id, port) = Target(target);
                    if (!registered.Any(r => r.Id == id && (port is null || r.Port == port)))
                        drift.Add($"targets: + {target!.ToJsonString()}");
                }
                break;
            case LatticeResourceKind.Service:
                Member(fixedDrift, "customDomainName");
                Member(drift, "certificateArn");
                Member(drift, "authType");
                break;
            case LatticeResourceKind.Listener:
                Member(fixedDrift, "protocol");
                Member(fixedDrift, "port");
                Member(drift, "defaultAction");
                break;
            case LatticeResourceKind.Rule:
                Member(drift, "match");
                Member(drift, "priority");
                Member(drift, "action");
                break;
            case LatticeResourceKind.AuthPolicy:
                // Compared as JSON documents: Lattice may give the policy back formatted differently.
                Diff(drift, "policy", ParsePolicy(At(input, "policy")), ParsePolicy(At(fields, "policy")));
                break;
        }
        return (drift, fixedDrift);
    }

    private static JsonNode? At(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = (node as JsonObject)?[part];
        return node;
    }

    private static JsonObject? Only(JsonObject? found, JsonObject wanted) =>
        found is null ? null : new JsonObject([.. wanted.Select(p => p.Key).Where(k => found[k] is not null).Select(k => KeyValuePair.Create(k, (JsonNode?)found[k]!.DeepClone()))]);

    private static (string Id, int? Port) Target(JsonNode? target) => ((string)target!["id"]!, (int?)target["port"]);

    private static JsonNode? ParsePolicy(JsonNode? policy)
    {
        var text = (string?)policy;
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
