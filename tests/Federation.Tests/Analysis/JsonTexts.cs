namespace MeshFed.Federation.Tests.Analysis;

/// <summary>Analysis results as JSON texts, so that two runs' rows or findings compare field by field, in order.</summary>
internal static class JsonTexts
{
    public static List<string> Of<T>(IEnumerable<T> items) => [.. items.Select(i => System.Text.Json.JsonSerializer.Serialize(i))];
}
