namespace MeshFed.Adapters.Aws.Client;

/// <summary>Credentials for one request: long-lived keys, or temporary ones with a session token.</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret key. Never logged: <see cref="ToString"/> leaves it out.</param>
/// <param name="SessionToken">The session token of temporary credentials (STS, SSO, IMDS), or null.</param>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Names the key id only; secrets never reach logs or exception messages.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SessionToken = {(SessionToken is null ? "none" : "set")} }}";
}
