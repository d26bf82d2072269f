using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed trust export</c> command line.</summary>
public sealed record TrustExportRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--dir</c>: the trust folder.</summary>
    public string Dir { get; init; } = TrustCommand.DefaultFolder;

    /// <summary><c>--site</c> (istio-cacerts needs one).</summary>
    public string? Site { get; init; }

    /// <summary><c>--format</c>: one of <see cref="TrustExport.Formats"/>.</summary>
    public string Format { get; init; } = "pem";

    /// <summary><c>--bundle-path</c>: appmesh: where the bundle is mounted in the Envoy container.</summary>
    public string BundlePath { get; init; } = TrustExportCommand.DefaultBundlePath;
}
