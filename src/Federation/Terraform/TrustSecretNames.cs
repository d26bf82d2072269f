using System.Text.Json.Serialization;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// The three secrets a site's gateway reads its trust files from (Secrets Manager on AWS, Secret Manager on GCP):
/// one secret per file, each holding the PEM text, so each can be rotated and granted on its own.
/// </summary>
public sealed record TrustSecretNames
{
    /// <summary>Federation root CA bundle → <c>bundle.pem</c>.</summary>
    [JsonPropertyName("bundle")] public required string Bundle { get; init; }

    /// <summary>The gateway's SVID leaf and intermediate → <c>gateway.crt</c>.</summary>
    [JsonPropertyName("certificate")] public required string Certificate { get; init; }

    /// <summary>The gateway's private key → <c>gateway.key</c>.</summary>
    [JsonPropertyName("private_key")] public required string PrivateKey { get; init; }
}
