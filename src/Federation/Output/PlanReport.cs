using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Federation.Output;

/// <summary>Prints a plan: one line per action with its field differences, then the counts.</summary>
public static class PlanReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>JSON for scripts or text for people; <paramref name="api"/> names what the plan is for (App Mesh, VPC Lattice).</summary>
    public static void Write(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, bool json, TextWriter writer, string api = "App Mesh")
    {
        if (json)
            WriteJson(site, endpoint, plan, writer);
        else
            WriteText(site, endpoint, plan, writer, api);
    }

    /// <summary>
    /// A site leaving App Mesh (docs/migration.md): the Lattice side, then the App Mesh side with why it is kept or what
    /// finishing deletes, each labelled; in JSON one document with both.
    /// </summary>
    public static void WriteMigration(string site, (Uri Endpoint, IReadOnlyList<IPlanStep> Plan) lattice,
        (Uri Endpoint, IReadOnlyList<IPlanStep> Plan, string Note) appMesh, bool json, TextWriter writer)
    {
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(new
            {
                site,
                vpcLattice = Summary(lattice.Endpoint, lattice.Plan),
                appMesh = Summary(appMesh.Endpoint, appMesh.Plan),
                appMeshNote = appMesh.Note,
            }, s_json));
            return;
        }
        WriteText(site, lattice.Endpoint, lattice.Plan, writer, "VPC Lattice", side: "VPC Lattice");
        WriteText(site, appMesh.Endpoint, appMesh.Plan, writer, "App Mesh", side: "App Mesh");
        writer.WriteLine($"App Mesh side: {appMesh.Note}");
    }

    /// <summary>Text for people; <paramref name="side"/> labels one side of a migrating site.</summary>
    public static void WriteText(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, TextWriter writer, string api = "App Mesh", string? side = null)
    {
        writer.WriteLine(side is null ? $"plan for site {site} at {endpoint}:" : $"plan for site {site}, {side} side, at {endpoint}:");
        foreach (var action in plan)
        {
            writer.WriteLine($"  {action}");
            foreach (var difference in action.Differences)
                writer.WriteLine($"      {difference}");
        }
        writer.WriteLine(plan.Count == 0 ? $"no changes: {api} matches the manifest" : Counts(plan));
    }

    /// <summary>One JSON document for scripts.</summary>
    public static void WriteJson(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, TextWriter writer)
    {
        var summary = Summary(endpoint, plan);
        writer.WriteLine(JsonSerializer.Serialize(new
        {
            site,
            endpoint = summary.Endpoint,
            actions = summary.Actions,
            create = summary.Create,
            update = summary.Update,
            delete = summary.Delete,
            conflicts = summary.Conflicts,
        }, s_json));
    }

    private static PlanSummary Summary(Uri endpoint, IReadOnlyList<IPlanStep> plan) => new(
        endpoint.ToString(),
        [.. plan.Select(a => new PlanSummaryAction(a.Action.ToString().ToLowerInvariant(), a.KindName, a.Name, a.Parent, a.Differences))],
        plan.Count(a => a.Action == PlanActionKind.Create),
        plan.Count(a => a.Action == PlanActionKind.Update),
        plan.Count(a => a.Action == PlanActionKind.Delete),
        plan.Count(a => a.Action == PlanActionKind.Conflict));

    /// <summary>One side's plan as scripts read it (camelCase in JSON).</summary>
    private sealed record PlanSummary(string Endpoint, IReadOnlyList<PlanSummaryAction> Actions, int Create, int Update, int Delete, int Conflicts);

    /// <summary>One step as scripts read it.</summary>
    private sealed record PlanSummaryAction(string Action, string Kind, string Name, string? Parent, IReadOnlyList<string> Differences);

    private static string Counts(IReadOnlyList<IPlanStep> plan) =>
        $"{plan.Count(a => a.Action == PlanActionKind.Create)} to create, {plan.Count(a => a.Action == PlanActionKind.Update)} to update, " +
        $"{plan.Count(a => a.Action == PlanActionKind.Delete)} to delete, {plan.Count(a => a.Action == PlanActionKind.Conflict)} conflict(s)";
}
