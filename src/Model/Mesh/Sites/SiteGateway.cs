namespace MeshFed.Model;

/// <summary>Where the other sites reach this site's meshfed gateway (its peer listener).</summary>
public sealed record SiteGateway
{
    /// <summary>The port the peer listener uses unless a manifest says otherwise.</summary>
    public const int DefaultPort = 15443;

    /// <summary>DNS name or IP address, as the other sites resolve it.</summary>
    public required string Address { get; init; }

    /// <summary>Peer (federation mTLS) port.</summary>
    public int Port { get; init; } = DefaultPort;
}
