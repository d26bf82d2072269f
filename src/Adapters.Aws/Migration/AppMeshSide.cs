using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Migration;

/// <summary>
/// The App Mesh side of a <c>vpc-lattice</c> site leaving App Mesh (docs/migration.md). While <see cref="Site.Migration"/> is
/// set, App Mesh keeps serving the site (its callers with sidecars, and Lattice's App Mesh share through the ingress
/// virtual gateway), so its resources are kept matching the manifest. They are deleted only when the user finishes the
/// migration, and never while Lattice still hands App Mesh a share. Only resources tagged as this mesh's and site's are
/// ever updated or deleted (<see cref="ActualResource.IsOwnedBy"/>), as for an App Mesh site.
/// </summary>
public static class AppMeshSide
{
    /// <summary>The App Mesh resources the site keeps while it migrates: its App Mesh rendering, the ingress routing Lattice's share.</summary>
    public static AppMeshRendering Render(FederatedMesh mesh, Site site)
    {
        var asAppMesh = mesh with { Sites = [.. mesh.Sites.Select(s => s.Name == site.Name ? s with { Mesh = MeshKind.AppMesh } : s)] };
        return AppMeshTranslator.Translate(asAppMesh, site.Name, AppMeshRenderOptions.Default with { LatticeMigration = true });
    }

    /// <summary>
    /// The App Mesh steps for <paramref name="site"/>: while it migrates, those that keep App Mesh matching the manifest;
    /// when <paramref name="finish"/>, the deletes of everything the site owns. The mesh itself goes only when nothing
    /// else is left in it (App Mesh refuses to delete a mesh that holds resources: DeleteMesh, "ResourceInUseException").
    /// </summary>
    public static AppMeshSidePlan Plan(FederatedMesh mesh, Site site, IReadOnlyList<ActualResource> actual, bool finish)
    {
        var owned = actual.Where(a => a.IsOwnedBy(mesh.Name, site.Name)).ToList();
        if (!finish && site.Migration is not null)
        {
            var steps = AppMeshPlanner.Plan(Render(mesh, site), actual);
            var note = owned.Count == 0 && steps.Count == 0 ? "App Mesh holds nothing of this site: there is nothing to migrate from" :
                site.Migration.AppMeshServesTraffic
                    ? $"kept: Lattice hands App Mesh {SiteMigration.FullWeight - site.Migration.LatticeWeight}% of what reaches it, and callers with App Mesh sidecars still use it"
                    : "kept: latticeWeight is 100, but callers with App Mesh sidecars may still use it; `apply --finish-migration` deletes it";
            return new AppMeshSidePlan(steps, note);
        }
        var empty = new AppMeshRendering { Site = site.Name, MeshName = mesh.Name, Resources = [], Diagnostics = [] };
        var deletes = AppMeshPlanner.Plan(empty, actual).ToList();
        var others = actual.Count(a => !a.IsOwnedBy(mesh.Name, site.Name));
        if (others > 0 && deletes.RemoveAll(d => d.Kind == AppMeshResourceKind.Mesh) > 0)
            return new AppMeshSidePlan(deletes, $"mesh '{mesh.Name}' is kept: it holds {others} resource(s) this site does not own (App Mesh deletes a mesh only when it is empty)");
        return new AppMeshSidePlan(deletes, deletes.Count == 0 ? "App Mesh holds nothing of this site: the migration is finished" : "finishing the migration: every App Mesh resource of this site is deleted, after the Lattice changes");
    }
}
