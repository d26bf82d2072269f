using System.Text.Json.Nodes;

namespace MeshFed.Tests.Shared.Telemetry;

/// <summary>
/// Sends calls with the vendors' own clients (tests/conformance/telemetry/requests.mjs) to a loopback capture
/// server and returns what they sent, one JSON object per call: method, path, query, headers, body.
/// </summary>
public static class Conformance
{
    public static IReadOnlyList<JsonObject> OfficialRequests(params JsonObject[] calls)
    {
        var (exit, stdout, stderr) = NodeToolServer.Run("telemetry", "@aws-sdk/client-cloudwatch", "requests.mjs", [], new JsonArray([.. calls]).ToJsonString());
        Assert.True(exit == 0, stderr);
        var results = JsonNode.Parse(stdout)!.AsArray();
        Assert.All(results, r => Assert.True(r is JsonObject, "the official client sent nothing: " + stderr));
        return [.. results.Select(r => r!.AsObject())];
    }
}
