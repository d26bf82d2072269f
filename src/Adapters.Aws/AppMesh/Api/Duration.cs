namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A duration (API shape Duration): <c>{value, unit}</c> with unit <c>s</c> or <c>ms</c>.</summary>
/// <param name="Value">The amount.</param>
/// <param name="Unit">The unit: <c>s</c> or <c>ms</c>.</param>
public sealed record Duration(long Value, string Unit)
{
    /// <summary>
    /// Keeps the manifest's precision: whole seconds in <c>s</c>, anything finer in <c>ms</c> (never rounded
    /// to seconds).
    /// </summary>
    public static Duration Of(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms % 1000 == 0 ? new(ms / 1000, "s") : new(ms, "ms");
    }
}
