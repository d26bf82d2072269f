using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Client;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// Reads what VPC Lattice holds that plan must know: everything tagged as this mesh's and site's, and every
/// resource under a name meshfed wants (to refuse it when it is someone else's). Children (listeners, rules,
/// auth policies, targets) are read only under resources this mesh owns.
/// </summary>
public static class LatticeStateReader
{
    /// <summary>The resources relevant to <paramref name="desired"/> of <paramref name="mesh"/> on <paramref name="site"/>.</summary>
    public static async Task<IReadOnlyList<LatticeActual>> ReadAsync(LatticeClient client, IReadOnlyList<LatticeDesired> desired, string mesh, string site,
        CancellationToken cancellationToken = default)
    {
        var wanted = desired.Select(d => (d.Kind, d.Name)).ToHashSet();
        var result = new List<LatticeActual>();
        async Task<(JsonObject Full, IReadOnlyDictionary<string, string> Tags)?> ReadIfRelevantAsync(JsonObject item, LatticeResourceKind kind, Func<string, LatticeRequest> get)
        {
            var tags = await client.ListTagsAsync((string)item["arn"]!, cancellationToken);
            if (!LatticeActual.IsOwned(tags, mesh, site) && !wanted.Contains((kind, (string)item["name"]!)))
                return null;
            return await client.GetAsync(get((string)item["id"]!), cancellationToken) is { } full ? (full, tags) : null; // null: deleted meanwhile
        }

        foreach (var item in await client.ListAsync(LatticeRequests.ListServiceNetworks(), cancellationToken))
        {
            if (await ReadIfRelevantAsync(item, LatticeResourceKind.ServiceNetwork, LatticeRequests.GetServiceNetwork) is not var (network, tags))
                continue;
            var id = (string)network["id"]!;
            var name = (string)network["name"]!;
            result.Add(Actual(LatticeResourceKind.ServiceNetwork, name, null, id, tags, Pick(network, "authType")));
            if (!LatticeActual.IsOwned(tags, mesh, site))
                continue;
            foreach (var association in await client.ListAsync(LatticeRequests.ListServiceNetworkVpcAssociations(id), cancellationToken))
            {
                result.Add(Actual(LatticeResourceKind.ServiceNetworkVpcAssociation, (string)association["vpcId"]!, name, (string)association["id"]!,
                    await client.ListTagsAsync((string)association["arn"]!, cancellationToken), []));
            }
            foreach (var association in await client.ListAsync(LatticeRequests.ListServiceNetworkServiceAssociations(id), cancellationToken))
            {
                result.Add(Actual(LatticeResourceKind.ServiceNetworkServiceAssociation, (string)association["serviceName"]!, name, (string)association["id"]!,
                    await client.ListTagsAsync((string)association["arn"]!, cancellationToken), []));
            }
        }

        // "You can connect a VPC to only one service network through an association"
        // (docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html): the VPC's associations with other networks
        // are read too, so that plan refuses instead of apply failing half-way.
        foreach (var vpc in desired.Where(d => d.Kind == LatticeResourceKind.ServiceNetworkVpcAssociation).Select(d => d.Name).Distinct())
        {
            foreach (var association in await client.ListAsync(LatticeRequests.ListVpcAssociationsOfVpc(vpc), cancellationToken))
            {
                if (result.Any(r => r.Id == (string)association["id"]!))
                    continue;
                result.Add(Actual(LatticeResourceKind.ServiceNetworkVpcAssociation, vpc, (string?)association["serviceNetworkName"] ?? (string)association["serviceNetworkId"]!,
                    (string)association["id"]!, new Dictionary<string, string>(), []));
            }
        }

        foreach (var item in await client.ListAsync(LatticeRequests.ListTargetGroups(), cancellationToken))
        {
            if (await ReadIfRelevantAsync(item, LatticeResourceKind.TargetGroup, LatticeRequests.GetTargetGroup) is not var (group, tags))
                continue;
            var id = (string)group["id"]!;
            var name = (string)group["name"]!;
            result.Add(Actual(LatticeResourceKind.TargetGroup, name, null, id, tags, Pick(group, "type", "config")));
            if (!LatticeActual.IsOwned(tags, mesh, site) || !wanted.Contains((LatticeResourceKind.Targets, name)))
                continue;
            var targets = await client.ListAsync(LatticeRequests.ListTargets(id), cancellationToken);
            result.Add(Actual(LatticeResourceKind.Targets, name, null, id, tags,
                new JsonObject { ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)Pick(t, "id", "port"))]) }));
        }

        foreach (var item in await client.ListAsync(LatticeRequests.ListServices(), cancellationToken))
        {
            if (await ReadIfRelevantAsync(item, LatticeResourceKind.Service, LatticeRequests.GetService) is not var (service, tags))
                continue;
            var id = (string)service["id"]!;
            var name = (string)service["name"]!;
            result.Add(Actual(LatticeResourceKind.Service, name, null, id, tags, Pick(service, "customDomainName", "certificateArn", "authType")));
            if (!LatticeActual.IsOwned(tags, mesh, site))
                continue;
            await ReadListenersAsync(client, result, id, name, cancellationToken);
            // An auth policy has no tags or ARN of its own: it is its service's.
            if (await client.GetAsync(LatticeRequests.GetAuthPolicy(id), cancellationToken) is { } policy && !string.IsNullOrEmpty((string?)policy["policy"]))
                result.Add(Actual(LatticeResourceKind.AuthPolicy, name, null, id, tags, Pick(policy, "policy")));
        }
        return result;
    }

    private static async Task ReadListenersAsync(LatticeClient client, List<LatticeActual> result, string serviceId, string serviceName, CancellationToken cancellationToken)
    {
        foreach (var item in await client.ListAsync(LatticeRequests.ListListeners(serviceId), cancellationToken))
        {
            var listenerId = (string)item["id"]!;
            if (await client.GetAsync(LatticeRequests.GetListener(serviceId, listenerId), cancellationToken) is not { } listener)
                continue;
            var listenerName = (string)listener["name"]!;
            result.Add(Actual(LatticeResourceKind.Listener, listenerName, serviceName, listenerId,
                await client.ListTagsAsync((string)listener["arn"]!, cancellationToken), Pick(listener, "protocol", "port", "defaultAction"))
                with { ServiceId = serviceId });
            foreach (var ruleItem in await client.ListAsync(LatticeRequests.ListRules(serviceId, listenerId), cancellationToken))
            {
                // The listener's default rule is its defaultAction, compared there.
                if ((bool?)ruleItem["isDefault"] == true)
                    continue;
                var ruleId = (string)ruleItem["id"]!;
                if (await client.GetAsync(LatticeRequests.GetRule(serviceId, listenerId, ruleId), cancellationToken) is not { } rule)
                    continue;
                result.Add(Actual(LatticeResourceKind.Rule, (string)rule["name"]!, $"{serviceName}/{listenerName}", ruleId,
                    await client.ListTagsAsync((string)rule["arn"]!, cancellationToken), Pick(rule, "match", "priority", "action"))
                    with { ServiceId = serviceId, ListenerId = listenerId });
            }
        }
    }

    private static LatticeActual Actual(LatticeResourceKind kind, string name, string? parent, string id, IReadOnlyDictionary<string, string> tags, JsonObject fields) =>
        new() { Kind = kind, Name = name, Parent = parent, Id = id, Tags = tags, Fields = fields };

    private static JsonObject Pick(JsonObject described, params string[] members) =>
        new([.. members.Where(m => described[m] is not null).Select(m => KeyValuePair.Create(m, (JsonNode?)described[m]!.DeepClone()))]);
}
