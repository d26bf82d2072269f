using System.Runtime.CompilerServices;

namespace MeshFed.Model;

/// <summary>
/// Services by name, built once per services list. Kept outside the records (keyed weakly by the list)
/// so that record equality and <c>with</c> copies are unaffected by the cache.
/// </summary>
internal static class ServiceIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<Service>, ILookup<string, Service>> s_indexes = [];

    public static ILookup<string, Service> For(IReadOnlyList<Service> services) =>
        s_indexes.GetValue(services, list => list.ToLookup(s => s.Name, StringComparer.Ordinal));
}
