using MeshFed.Federation.Rendering.Targets;
using MeshFed.Adapters.Gcp.Istio;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed render</c> command line.</summary>
public sealed record RenderRequest
{
    /// <summary>The <c>--out</c> value that means standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--target</c>: a name from <see cref="RenderTargets"/>.</summary>
    public string Target { get; init; } = RenderTargets.Default.Name;

    /// <summary><c>--site</c>, or null for every site of the target.</summary>
    public string? Site { get; init; }

    /// <summary><c>--profile</c>, or null for each site's own mesh.</summary>
    public IstioProfile? Profile { get; init; }

    /// <summary><c>--out</c>: a folder, or <see cref="StandardOutput"/>.</summary>
    public required string Out { get; init; }

    /// <summary><c>--force</c>: write even when the analysis finds broken paths.</summary>
    public bool Force { get; init; }

    /// <summary>True for <c>--out -</c>.</summary>
    public bool Streams => Out == StandardOutput;
}
