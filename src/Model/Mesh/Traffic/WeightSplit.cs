namespace MeshFed.Model;

/// <summary>Weight arithmetic the targets need: a split must add up to exactly 100 (Istio and App Mesh both check).</summary>
public static class WeightSplit
{
    /// <summary>
    /// Scales <paramref name="weights"/> to add up to 100, keeping their proportions (all equal when they sum
    /// to 0); the rounding remainder goes to the last. Used when a share is left out (e.g. TCP to other sites).
    /// </summary>
    public static IReadOnlyList<int> ToHundred(IReadOnlyList<int> weights)
    {
        if (weights.Count == 0)
            return [];
        var total = weights.Sum();
        var scaled = new int[weights.Count];
        var assigned = 0;
        for (var i = 0; i < weights.Count - 1; i++)
        {
            scaled[i] = total == 0 ? 100 / weights.Count : weights[i] * 100 / total;
            assigned += scaled[i];
        }
        scaled[^1] = 100 - assigned;
        return scaled;
    }
}
