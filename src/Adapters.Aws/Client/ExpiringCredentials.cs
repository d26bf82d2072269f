namespace MeshFed.Adapters.Aws.Client;

/// <summary>Credentials and when they stop working (null: long-lived keys, which do not expire).</summary>
/// <param name="Credentials">The credentials.</param>
/// <param name="Expires">When they expire, or null.</param>
public sealed record ExpiringCredentials(AwsCredentials Credentials, DateTimeOffset? Expires);
