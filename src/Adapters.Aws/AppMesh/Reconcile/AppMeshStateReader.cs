using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>Reads what a mesh holds: every resource of the kinds meshfed renders, with its spec and tags.</summary>
public static class AppMeshStateReader
{
    /// <summary>The resources of <paramref name="mesh"/>; empty when the mesh does not exist.</summary>
    public static async Task<IReadOnlyList<ActualResource>> ReadAsync(AppMeshClient client, string mesh, CancellationToken cancellationToken = default)
    {
        var described = await client.DescribeAsync(AppMeshResourceKind.Mesh, mesh, mesh, cancellationToken: cancellationToken);
        if (described is null)
            return [];
        var result = new List<ActualResource> { await ToActualAsync(client, AppMeshResourceKind.Mesh, mesh, null, described, cancellationToken) };
        foreach (var kind in new[] { AppMeshResourceKind.VirtualNode, AppMeshResourceKind.VirtualRouter, AppMeshResourceKind.VirtualService, AppMeshResourceKind.VirtualGateway })
        {
            foreach (var item in await client.ListAsync(kind, mesh, cancellationToken: cancellationToken))
            {
                var name = (string)item[$"{ApiName(kind)}Name"]!;
                if (await client.DescribeAsync(kind, mesh, name, cancellationToken: cancellationToken) is not { } full)
                    continue; // deleted meanwhile
                result.Add(await ToActualAsync(client, kind, name, null, full, cancellationToken));
                var child = kind switch
                {
                    AppMeshResourceKind.VirtualRouter => AppMeshResourceKind.Route,
                    AppMeshResourceKind.VirtualGateway => AppMeshResourceKind.GatewayRoute,
                    _ => (AppMeshResourceKind?)null,
                };
                if (child is not { } childKind)
                    continue;
                foreach (var route in await client.ListAsync(childKind, mesh, name, cancellationToken))
                {
                    var routeName = (string)route[$"{ApiName(childKind)}Name"]!;
                    if (await client.DescribeAsync(childKind, mesh, routeName, name, cancellationToken) is { } routeFull)
                        result.Add(await ToActualAsync(client, childKind, routeName, name, routeFull, cancellationToken));
                }
            }
        }
        return result;
    }

    private static async Task<ActualResource> ToActualAsync(AppMeshClient client, AppMeshResourceKind kind, string name, string? parent, JsonObject described, CancellationToken cancellationToken)
    {
        var arn = (string?)described["metadata"]?["arn"];
        var tags = arn is null ? new Dictionary<string, string>() : await client.ListTagsAsync(arn, cancellationToken);
        return new ActualResource
        {
            Kind = kind,
            Name = name,
            Parent = parent,
            Spec = described["spec"]?.DeepClone().AsObject() ?? new JsonObject(),
            Tags = tags,
        };
    }

    private static string ApiName(AppMeshResourceKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
}
