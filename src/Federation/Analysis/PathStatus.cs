namespace MeshFed.Federation.Analysis;

/// <summary>The status of a path that works.</summary>
internal static class PathStatus
{
    public const string Ok = "ok";
}
