using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed trust issue</c> command line.</summary>
public sealed record TrustIssueRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--dir</c>: the trust folder.</summary>
    public string Dir { get; init; } = TrustCommand.DefaultFolder;

    /// <summary><c>--site</c>, or null for every site.</summary>
    public string? Site { get; init; }

    /// <summary><c>--ttl</c> as written (checked by <see cref="SvidLifetimePolicy"/>).</summary>
    public string Ttl { get; init; } = TrustIssueCommand.DefaultTtl;
}
