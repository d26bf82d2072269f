using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Lattice.Client;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// Executes a Lattice plan exactly, in its order. A plan with conflicts is refused before any call. Each create's
/// placeholders are resolved from the ids of resources that existed (the plan's) or that earlier creates of this
/// run returned. A failure part-way leaves what was done in place, tagged as this mesh's: the next plan finds it
/// by name and tags and continues from there.
/// </summary>
public static class LatticeApplier
{
    /// <summary>Applies <paramref name="plan"/>.</summary>
    public static async Task<ApplyResult> ApplyAsync(LatticeClient client, LatticePlan plan, CancellationToken cancellationToken = default)
    {
        var conflicts = plan.Actions.Where(a => a.Action == PlanActionKind.Conflict).ToList();
        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(
                $"{conflicts.Count} resource(s) cannot be made to match the manifest (first: {conflicts[0].Kind} {conflicts[0].Name}: {conflicts[0].Differences.FirstOrDefault()}); " +
                "nothing was changed. Rename or remove them, or tag them if they are meshfed's.");
        }
        var ids = new Dictionary<string, string>(plan.KnownIds, StringComparer.Ordinal);
        int created = 0, updated = 0, deleted = 0;
        foreach (var action in plan.Actions)
        {
            switch (action.Action)
            {
                case PlanActionKind.Create:
                    var answer = await client.CreateAsync(action.Desired!.Operation, Resolve(action.Desired, ids), cancellationToken);
                    if (action.Desired.Placeholder is { } placeholder)
                        ids[placeholder] = (string?)answer["id"] ?? throw new LatticeException("InvalidResponse", 200, $"{action.Desired.Operation} answered without an id");
                    created++;
                    break;
                case PlanActionKind.Update:
                    await client.SendAsync(UpdateRequest(action.Desired!, action.Actual!, Resolve(action.Desired!, ids)), cancellationToken);
                    updated++;
                    break;
                case PlanActionKind.Delete:
                    await client.SendAsync(DeleteRequest(action.Actual!), cancellationToken);
                    deleted++;
                    break;
            }
        }
        return new ApplyResult(created, updated, deleted);
    }

    private static JsonObject Resolve(LatticeDesired desired, IReadOnlyDictionary<string, string> ids)
    {
        var input = (JsonObject)LatticePlaceholders.Resolve(desired.Input, p => ids.GetValueOrDefault(p))!;
        // The rendering names only resources created by earlier calls (docs/lattice.md), so this is a bug, not bad input.
        if (LatticePlaceholders.Unresolved(input).FirstOrDefault() is { } missing)
            throw new InvalidOperationException($"{desired.Operation} {desired.Name}: {missing} names no resource created before it");
        return input;
    }

    private static LatticeRequest UpdateRequest(LatticeDesired desired, LatticeActual actual, JsonObject input)
    {
        JsonObject Members(params string[] names) => new([.. names.Where(n => input[n] is not null).Select(n => KeyValuePair.Create(n, (JsonNode?)input[n]!.DeepClone()))]);
        return desired.Kind switch
        {
            LatticeResourceKind.ServiceNetwork => LatticeRequests.UpdateServiceNetwork(actual.Id, Members("authType")),
            LatticeResourceKind.Service => LatticeRequests.UpdateService(actual.Id, Members("certificateArn", "authType")),
            LatticeResourceKind.Listener => LatticeRequests.UpdateListener(actual.ServiceId!, actual.Id, Members("defaultAction")),
            LatticeResourceKind.Rule => LatticeRequests.UpdateRule(actual.ServiceId!, actual.ListenerId!, actual.Id, Members("match", "priority", "action")),
            LatticeResourceKind.TargetGroup => LatticeRequests.UpdateTargetGroup(actual.Id, new JsonObject { ["healthCheck"] = input["config"]?["healthCheck"]?.DeepClone() }),
            // PutAuthPolicy replaces the policy; RegisterTargets adds the missing targets and leaves registered ones as they are.
            LatticeResourceKind.AuthPolicy or LatticeResourceKind.Targets => LatticeRequests.Create(desired.Operation, input, Guid.NewGuid().ToString()),
            _ => throw new InvalidOperationException($"{desired.Kind} has nothing to update"),
        };
    }

    private static LatticeRequest DeleteRequest(LatticeActual actual) => actual.Kind switch
    {
        LatticeResourceKind.ServiceNetwork => LatticeRequests.DeleteServiceNetwork(actual.Id),
        LatticeResourceKind.ServiceNetworkVpcAssociation => LatticeRequests.DeleteServiceNetworkVpcAssociation(actual.Id),
        LatticeResourceKind.TargetGroup => LatticeRequests.DeleteTargetGroup(actual.Id),
        LatticeResourceKind.Service => LatticeRequests.DeleteService(actual.Id),
        LatticeResourceKind.ServiceNetworkServiceAssociation => LatticeRequests.DeleteServiceNetworkServiceAssociation(actual.Id),
        LatticeResourceKind.Listener => LatticeRequests.DeleteListener(actual.ServiceId!, actual.Id),
        LatticeResourceKind.Rule => LatticeRequests.DeleteRule(actual.ServiceId!, actual.ListenerId!, actual.Id),
        LatticeResourceKind.AuthPolicy => LatticeRequests.DeleteAuthPolicy(actual.Id),
        _ => throw new InvalidOperationException($"{actual.Kind} is never deleted by meshfed"),
    };
}
