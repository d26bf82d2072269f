using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>App Mesh value shapes.</summary>
internal static class AppMeshValues
{
    /// <summary>
    /// <c>{value, unit}</c> keeping the manifest's precision: whole seconds in <c>s</c>, anything finer in
    /// <c>ms</c> (never rounded to seconds).
    /// </summary>
    public static JsonObject Duration(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms % 1000 == 0
            ? new JsonObject { ["value"] = ms / 1000, ["unit"] = "s" }
            : new JsonObject { ["value"] = ms, ["unit"] = "ms" };
    }
}
