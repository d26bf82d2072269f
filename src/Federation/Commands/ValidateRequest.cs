using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed validate</c> command line.</summary>
public sealed record ValidateRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--output</c>.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;
}
