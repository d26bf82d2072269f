using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>
/// An IAM policy document as Lattice auth policies take it (IAM JSON policy elements: Version, Statement,
/// Effect, Principal, Action, Resource, Condition; docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html).
/// </summary>
public sealed record AuthPolicyDocument
{
    /// <summary>The policy language version.</summary>
    [JsonPropertyName("Version")] public string Version { get; init; } = "2012-10-17";

    /// <summary>The statements; any one that matches allows.</summary>
    [JsonPropertyName("Statement")] public required IReadOnlyList<AuthPolicyStatement> Statement { get; init; }
}

/// <summary>One Allow statement.</summary>
public sealed record AuthPolicyStatement
{
    /// <summary>A statement id (letters and digits).</summary>
    [JsonPropertyName("Sid")] public required string Sid { get; init; }

    /// <summary>Allow.</summary>
    [JsonPropertyName("Effect")] public string Effect { get; init; } = "Allow";

    /// <summary>Any principal; the conditions narrow it.</summary>
    [JsonPropertyName("Principal")] public string Principal { get; init; } = "*";

    /// <summary>vpc-lattice-svcs:Invoke.</summary>
    [JsonPropertyName("Action")] public string Action { get; init; } = "vpc-lattice-svcs:Invoke";

    /// <summary>Service ARNs with the request path.</summary>
    [JsonPropertyName("Resource")] public required IReadOnlyList<string> Resource { get; init; }

    /// <summary>Operator → key → values.</summary>
    [JsonPropertyName("Condition")] public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Condition { get; init; }
}

/// <summary>Compact serialization: Lattice wants the policy without newlines.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(AuthPolicyDocument))]
public sealed partial class AuthPolicyJsonContext : JsonSerializerContext;
