using MeshFed.Adapters.Aws.Client;
using MeshFed.Model;

namespace MeshFed.Federation.Signals.Sources;

/// <summary>What a <see cref="ISignalSourceProvider"/> may use to open its source.</summary>
public sealed record SignalSourceContext
{
    /// <summary>The <c>--manifest</c> mesh (the sites' regions and projects), or null.</summary>
    public FederatedMesh? Mesh { get; init; }

    /// <summary>The latency bucket bounds, in seconds, the exporters wrote with.</summary>
    public required IReadOnlyList<double> Bounds { get; init; }

    /// <summary><c>--direction</c>: <c>outbound</c> or <c>inbound</c>.</summary>
    public required string Direction { get; init; }

    /// <summary><c>--endpoint-url</c>: another API endpoint than the cloud's, or null.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>--store</c>: the local store's file.</summary>
    public required string Store { get; init; }

    /// <summary>The HTTP client for cloud APIs (owned by the command).</summary>
    public required HttpClient Http { get; init; }

    /// <summary>Google access tokens; null: application-default credentials.</summary>
    public Func<CancellationToken, Task<string>>? AccessToken { get; init; }

    /// <summary>AWS credentials; null: the standard credential chain.</summary>
    public Func<AwsCredentials>? AwsCredentials { get; init; }
}
