using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Federation.Control;

/// <summary>
/// An open plan/apply session of one site, whichever API it speaks (App Mesh, or VPC Lattice with the App Mesh side of a
/// site leaving App Mesh): what exists was read and the plan made. Owns its connections until disposed.
/// </summary>
internal interface ISiteSession : IDisposable
{
    /// <summary>The site.</summary>
    string Site { get; }

    /// <summary>Every step of the plan, on every API the session writes to (a conflict on any refuses the apply).</summary>
    IReadOnlyList<IPlanStep> Steps { get; }

    /// <summary>Requests the clients retried so far.</summary>
    long Retries { get; }

    /// <summary>Prints the plan, as JSON for scripts or text for people, each API's side labelled when there are two.</summary>
    void WritePlan(bool json, TextWriter writer);

    /// <summary>Executes exactly the plan.</summary>
    Task<ApplyResult> ApplyAsync(CancellationToken cancellationToken);
}
