namespace MeshFed.Federation.Analysis;

/// <summary>The statuses of a path that no finding stops.</summary>
internal static class PathStatus
{
    public const string Ok = "ok";

    /// <summary>A path through a VPC Lattice site: rendered, but its hops are not walked yet (neither ok nor broken).</summary>
    public const string NotWalked = "not-walked";
}
