namespace MeshFed.Gateway.Routing;

/// <summary>Picks one of several weighted items, in proportion to the weights.</summary>
public static class WeightedChoice
{
    /// <summary>The item whose cumulative weight first exceeds a uniform draw in [0, total).</summary>
    /// <remarks>Zero total weight picks the first item, so a route of zero weights still goes somewhere.</remarks>
    public static T Pick<T>(IReadOnlyList<T> items, Func<T, int> weight, Random random)
    {
        // Indexed loops: this runs per request, and foreach over the interface allocates an enumerator.
        var total = 0;
        for (var i = 0; i < items.Count; i++)
            total += Math.Max(0, weight(items[i]));
        if (total == 0)
            return items[0];
        var draw = random.Next(total);
        for (var i = 0; i < items.Count; i++)
        {
            draw -= Math.Max(0, weight(items[i]));
            if (draw < 0)
                return items[i];
        }
        return items[^1];
    }
}
