using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>The outcome of an apply: what was written.</summary>
/// <param name="Created">Resources created.</param>
/// <param name="Updated">Resources updated.</param>
/// <param name="Deleted">Resources deleted.</param>
public sealed record ApplyResult(int Created, int Updated, int Deleted)
{
    /// <summary>Write calls made.</summary>
    public int Writes => Created + Updated + Deleted;
}

/// <summary>
/// Executes a plan exactly, in its order. A plan with conflicts is refused before any call: nothing is half
/// applied because of a resource meshfed does not own. A failure part-way leaves what was done in place; the
/// next plan starts from there, so re-running converges.
/// </summary>
public static class AppMeshApplier
{
    /// <summary>Applies <paramref name="plan"/> to <paramref name="mesh"/>.</summary>
    public static async Task<ApplyResult> ApplyAsync(AppMeshClient client, string mesh, IReadOnlyList<PlanAction> plan, CancellationToken cancellationToken = default)
    {
        var conflicts = plan.Where(a => a.Action == PlanActionKind.Conflict).ToList();
        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(
                $"{conflicts.Count} resource(s) exist under the names meshfed wants but are not managed by this mesh and site " +
                $"(first: {conflicts[0].Kind} {conflicts[0].Name}); nothing was changed. Rename or remove them, or tag them if they are meshfed's.");
        }
        int created = 0, updated = 0, deleted = 0;
        foreach (var action in plan)
        {
            switch (action.Action)
            {
                case PlanActionKind.Create:
                    await client.CreateAsync(mesh, action.Desired!, cancellationToken);
                    created++;
                    break;
                case PlanActionKind.Update:
                    await client.UpdateAsync(action.Kind, mesh, action.Name, action.Desired!.SpecJson(), action.Parent, cancellationToken);
                    updated++;
                    break;
                case PlanActionKind.Delete:
                    await client.DeleteAsync(action.Kind, mesh, action.Name, action.Parent, cancellationToken);
                    deleted++;
                    break;
            }
        }
        return new ApplyResult(created, updated, deleted);
    }
}
