namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>A plan and the ids of the resources that exist already (placeholder → id), from which apply resolves the inputs of later calls.</summary>
/// <param name="Actions">The steps in order: creates and updates in dependency order, then deletes in reverse.</param>
/// <param name="KnownIds">The ids of desired resources that exist, by placeholder.</param>
public sealed record LatticePlan(IReadOnlyList<LatticePlanAction> Actions, IReadOnlyDictionary<string, string> KnownIds);
