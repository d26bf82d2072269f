namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed trust renew</c> command line.</summary>
public sealed record TrustRenewRequest
{
    /// <summary>The manifest file or folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>--dir</c>: the trust folder.</summary>
    public string Dir { get; init; } = TrustCommand.DefaultFolder;

    /// <summary><c>--site</c>, or null for every site.</summary>
    public string? Site { get; init; }

    /// <summary><c>--revoke</c>: unpin the previous intermediates at once.</summary>
    public bool Revoke { get; init; }
}
