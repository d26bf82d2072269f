using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;

namespace MeshFed.Federation.Control;

/// <summary>
/// An open plan/apply session of one site, whichever API it speaks (App Mesh or VPC Lattice): what exists was read
/// and the plan made. Owns its connections until disposed.
/// </summary>
internal interface ISiteSession : IDisposable
{
    /// <summary>The site.</summary>
    string Site { get; }

    /// <summary>The API's name, for the report (<c>App Mesh</c>, <c>VPC Lattice</c>).</summary>
    string Api { get; }

    /// <summary>The endpoint read and written.</summary>
    Uri Endpoint { get; }

    /// <summary>The plan's steps, in order.</summary>
    IReadOnlyList<IPlanStep> Steps { get; }

    /// <summary>Requests the client retried so far.</summary>
    long Retries { get; }

    /// <summary>Executes exactly the plan.</summary>
    Task<ApplyResult> ApplyAsync(CancellationToken cancellationToken);
}
