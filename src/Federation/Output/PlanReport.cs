using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Federation.Output;

/// <summary>Prints a plan: one line per action with its field differences, then the counts.</summary>
public static class PlanReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>JSON for scripts or text for people; <paramref name="api"/> names what the plan is for (App Mesh, VPC Lattice).</summary>
    public static void Write(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, bool json, TextWriter writer, string api = "App Mesh")
    {
        if (json)
            WriteJson(site, endpoint, plan, writer);
        else
            WriteText(site, endpoint, plan, writer, api);
    }

    /// <summary>Text for people.</summary>
    public static void WriteText(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, TextWriter writer, string api = "App Mesh")
    {
        writer.WriteLine($"plan for site {site} at {endpoint}:");
        foreach (var action in plan)
        {
            writer.WriteLine($"  {action}");
            foreach (var difference in action.Differences)
                writer.WriteLine($"      {difference}");
        }
        writer.WriteLine(plan.Count == 0 ? $"no changes: {api} matches the manifest" : Counts(plan));
    }

    /// <summary>One JSON document for scripts.</summary>
    public static void WriteJson(string site, Uri endpoint, IReadOnlyList<IPlanStep> plan, TextWriter writer) =>
        writer.WriteLine(JsonSerializer.Serialize(new
        {
            site,
            endpoint = endpoint.ToString(),
            actions = plan.Select(a => new { action = a.Action.ToString().ToLowerInvariant(), kind = a.KindName, name = a.Name, parent = a.Parent, differences = a.Differences }),
            create = plan.Count(a => a.Action == PlanActionKind.Create),
            update = plan.Count(a => a.Action == PlanActionKind.Update),
            delete = plan.Count(a => a.Action == PlanActionKind.Delete),
            conflicts = plan.Count(a => a.Action == PlanActionKind.Conflict),
        }, s_json));

    private static string Counts(IReadOnlyList<IPlanStep> plan) =>
        $"{plan.Count(a => a.Action == PlanActionKind.Create)} to create, {plan.Count(a => a.Action == PlanActionKind.Update)} to update, " +
        $"{plan.Count(a => a.Action == PlanActionKind.Delete)} to delete, {plan.Count(a => a.Action == PlanActionKind.Conflict)} conflict(s)";
}
