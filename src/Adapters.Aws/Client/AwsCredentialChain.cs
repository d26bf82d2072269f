using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// Credentials from AWSSDK.Core's standard chain, as every AWS tool finds them: environment variables,
/// the shared config and credentials files (profiles, SSO), container and instance roles.
/// </summary>
public static class AwsCredentialChain
{
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
            throw new InvalidOperationException(
                "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE, " +
                "log in with 'aws sso login', or run where an instance or container role is available", e);
        }
    }
}
