using System.Security.Cryptography;
using System.Text;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Signing;

/// <summary>
/// A SigV4 signing key and the text that goes with it, for one secret, day, region and service. The key is four
/// HMACs deep (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, step 4) and the same
/// all day, so a signer derives it once a day (or when the credentials rotate), not per request.
/// </summary>
internal sealed class SigningKey
{
    private SigningKey(AwsCredentials credentials, string day, string scope, byte[] key, string authorizationPrefix)
    {
        Credentials = credentials;
        Day = day;
        Scope = scope;
        Key = key;
        AuthorizationPrefix = authorizationPrefix;
    }

    /// <summary>The credentials it was derived from (compared by reference: a rotation makes a new record).</summary>
    public AwsCredentials Credentials { get; }

    /// <summary>The day, <c>yyyyMMdd</c> (UTC).</summary>
    public string Day { get; }

    /// <summary>The credential scope, <c>day/region/service/aws4_request</c>.</summary>
    public string Scope { get; }

    /// <summary>The derived key.</summary>
    public byte[] Key { get; }

    /// <summary><c>AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=</c>: the Authorization header up to its variable part.</summary>
    public string AuthorizationPrefix { get; }

    /// <summary>Whether this key signs for <paramref name="credentials"/> on <paramref name="day"/>.</summary>
    public bool IsFor(AwsCredentials credentials, ReadOnlySpan<char> day) => ReferenceEquals(credentials, Credentials) && day.SequenceEqual(Day);

    /// <summary>Derives the key of <paramref name="credentials"/> for <paramref name="day"/>, <paramref name="region"/> and <paramref name="service"/>.</summary>
    public static SigningKey Derive(AwsCredentials credentials, string day, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), Encoding.UTF8.GetBytes(day));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var scope = $"{day}/{region}/{service}/aws4_request";
        return new SigningKey(credentials, day, scope, key, $"AWS4-HMAC-SHA256 Credential={credentials.AccessKeyId}/{scope}, SignedHeaders=");
    }
}
