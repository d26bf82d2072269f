using System.Globalization;
using System.Text.Json.Nodes;

namespace MeshFed.Tests.Shared.Telemetry;

/// <summary>
/// JSON in one canonical text for comparing what two clients sent: object keys sorted, numbers as doubles,
/// timestamps as instants (clients print different fraction digits for the same instant), and optionally the
/// proto3 JSON defaults (0, false, "", {}, []) left out, because Google's clients omit them.
/// </summary>
public static class JsonCanon
{
    public static string Of(JsonNode? node, bool dropProtoDefaults = false) => Canon(node, dropProtoDefaults)?.ToJsonString() ?? "null";

    private static JsonNode? Canon(JsonNode? node, bool dropDefaults) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canon(p.Value, dropDefaults)))
            .Where(p => !dropDefaults || !IsDefault(p.Value))),
        JsonArray a => new JsonArray([.. a.Select(i => Canon(i, dropDefaults))]),
        JsonValue v when v.TryGetValue<double>(out var d) => JsonValue.Create(d),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length >= 20 && s.EndsWith('Z') && char.IsAsciiDigit(s[0])
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t) => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        JsonValue v => v.DeepClone(),
        null => null,
        _ => node.DeepClone(),
    };

    private static bool IsDefault(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        _ => false,
    };
}
