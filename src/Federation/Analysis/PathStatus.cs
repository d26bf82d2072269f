namespace MeshFed.Federation.Analysis;

/// <summary>The statuses of a path that no finding stops.</summary>
internal static class PathStatus
{
    public const string Ok = "ok";
}
