namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed analyze</c> command line.</summary>
public sealed record AnalyzeRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--site</c>: only paths that start or end on this site; null for all.</summary>
    public string? Site { get; init; }

    /// <summary><c>--output</c>: <c>text</c>, <c>wide</c> or <c>json</c>.</summary>
    public string Format { get; init; } = "text";
}
