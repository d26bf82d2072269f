namespace MeshFed.Model.Binding;

/// <summary>"Did you mean" for misspelled field names and words.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="word"/>, if it is close enough to be a likely typo.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var allowed = Math.Max(2, word.Length / 3);
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase))
                return candidate;
            if (Math.Abs(candidate.Length - word.Length) > allowed)
                continue; // cannot be within the allowed distance; keeps large candidate lists cheap
            var distance = Distance(word, candidate, allowed);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>A hint sentence: "Did you mean 'x'?" or the list of allowed words.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates, string noun)
    {
        var closest = Closest(word, candidates);
        return closest is not null
            ? $"Did you mean '{closest}'?"
            : $"Allowed {noun}: {string.Join(", ", candidates)}.";
    }

    /// <summary>
    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up with
    /// <see cref="int.MaxValue"/> once it must exceed <paramref name="limit"/>: most candidates in a large
    /// mesh are far from the typo, and the cut-off keeps thousands of comparisons cheap.
    /// </summary>
    internal static int Distance(string a, string b, int limit = int.MaxValue)
    {
        if (a.Length > 64 || b.Length > 64)
            return int.MaxValue; // Long words are not typos of field names; keep the cost bounded.
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > limit)
                return int.MaxValue;
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);
}
