namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed trust init</c> command line.</summary>
public sealed record TrustInitRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--dir</c>: the trust folder.</summary>
    public string Dir { get; init; } = TrustCommand.DefaultFolder;
}
