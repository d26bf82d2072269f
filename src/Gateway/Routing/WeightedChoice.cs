namespace MeshFed.Gateway.Routing;

/// <summary>Picks one of several weighted items, in proportion to the weights.</summary>
public static class WeightedChoice
{
    /// <summary>The item whose cumulative weight first exceeds a uniform draw in [0, total).</summary>
    /// <remarks>Zero total weight picks the first item, so a route of zero weights still goes somewhere.</remarks>
    public static T Pick<T>(IReadOnlyList<T> items, Func<T, int> weight, Random random)
    {
        var total = 0;
        foreach (var item in items)
            total += Math.Max(0, weight(item));
        if (total == 0)
            return items[0];
        var draw = random.Next(total);
        foreach (var item in items)
        {
            draw -= Math.Max(0, weight(item));
            if (draw < 0)
                return item;
        }
        return items[^1];
    }
}
