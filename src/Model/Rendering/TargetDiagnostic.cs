namespace MeshFed.Model.Rendering;

/// <summary>
/// A concept a target (Istio, App Mesh) cannot express as written, found while rendering. Render prints it; nothing is dropped silently, and the
/// message says who enforces the concept instead (normally the meshfed gateway).
/// </summary>
public sealed record TargetDiagnostic
{
    /// <summary>The site being rendered.</summary>
    public required string Site { get; init; }

    /// <summary>The service concerned.</summary>
    public required string Service { get; init; }

    /// <summary>The model concept (e.g. <c>traffic.failover</c>).</summary>
    public required string Concept { get; init; }

    /// <summary>What happens instead.</summary>
    public required string Message { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"warning: site {Site}: service {Service}: {Concept}: {Message}";
}
