using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>Where the gateway runs in a site's cluster: the names the mesh adapters render against.</summary>
public sealed record KubernetesInputs
{
    /// <summary>The gateway's namespace.</summary>
    [JsonPropertyName("namespace")] public required string Namespace { get; init; }

    /// <summary>The gateway's Service (and app label).</summary>
    [JsonPropertyName("service_name")] public required string ServiceName { get; init; }

    /// <summary>The gateway's Kubernetes service account (bound to a Google service account by Workload Identity).</summary>
    [JsonPropertyName("service_account")] public required string ServiceAccount { get; init; }
}
