using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// Credentials from AWSSDK.Core's standard chain, as every AWS tool finds them: environment variables,
/// the shared config and credentials files (profiles, SSO), container and instance roles.
/// </summary>
public static class AwsCredentialChain
{
    /// <summary>
    /// Fetches credentials with their expiry, for <see cref="RefreshingCredentials"/>: the chain's role
    /// credentials (container, instance, SSO, assumed role) are the SDK's refreshing kind, which report when they
    /// expire; keys from the environment or a profile do not expire.
    /// </summary>
    /// <exception cref="InvalidOperationException">No credentials were found (the message says what to do).</exception>
    public static async Task<ExpiringCredentials> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var source = DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
            var credentials = await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            DateTimeOffset? expires = source is RefreshingAWSCredentials { Expiration: { } at } ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
            return new ExpiringCredentials(new AwsCredentials(credentials.AccessKey, credentials.SecretKey, string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token), expires);
        }
        catch (AmazonClientException e)
        {
            throw NoCredentials(e);
        }
    }

    /// <summary>Resolves credentials now; throws <see cref="InvalidOperationException"/> with what to do when there are none.</summary>
    public static AwsCredentials Resolve()
    {
        try
        {
            var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(null).GetCredentials();
            return new AwsCredentials(credentials.AccessKey, credentials.SecretKey, string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token);
        }
        catch (AmazonClientException e)
        {
            throw NoCredentials(e);
        }
    }

    private static InvalidOperationException NoCredentials(AmazonClientException e) => new(
        "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, " +
        "log in with 'aws sso login', or run where an instance or container role is available", e);
}
