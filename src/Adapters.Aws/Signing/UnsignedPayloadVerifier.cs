using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Signing;

/// <summary>
/// Checks a request signed with SigV4 and an unsigned payload the way the receiving AWS service does: the
/// <c>Authorization</c> header names <c>AWS4-HMAC-SHA256</c>, a known access key, this region and signing name
/// and the day of <c>x-amz-date</c>; the payload hash is <c>UNSIGNED-PAYLOAD</c>; the request time is within
/// five minutes of now; and the signature, computed again over the canonical request with the key's secret
/// (the same canonicalisation as <see cref="UnsignedPayloadSigner"/>, which the conformance tests hold equal to
/// <c>@smithy/signature-v4</c>), is the one sent ("Create a signed AWS API request",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html; "Elements of an AWS API request
/// signature": "the request must reach AWS within five minutes of the time stamp"). Headers it does not sign
/// (the caller's) are not covered, as with VPC Lattice.
/// </summary>
/// <param name="service">The signing name, e.g. <c>vpc-lattice-svcs</c>.</param>
/// <param name="region">The region, e.g. <c>us-east-1</c>.</param>
/// <param name="secrets">The credentials of an access key id, or null for an unknown key.</param>
/// <param name="time">The clock the request time is held against.</param>
public sealed class UnsignedPayloadVerifier(string service, string region, Func<string, AwsCredentials?> secrets, TimeProvider time)
{
    /// <summary>How far the request time may be from now.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// Null when the request is signed by a known key for this service and region, else why not (for the
    /// refusal's message; it names no secret).
    /// </summary>
    /// <param name="method">The request method.</param>
    /// <param name="uri">The request's absolute URI, its path and query as sent on the wire.</param>
    /// <param name="header">The request's header values by name (null when absent).</param>
    public string? Refusal(string method, Uri uri, Func<string, string?> header)
    {
        var authorization = header("Authorization");
        if (authorization is null || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            return $"the request is not signed with {Algorithm}";
        var parts = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.ContainsKey("SignedHeaders") || !parts.ContainsKey("Signature"))
            return "the Authorization header lacks Credential, SignedHeaders or Signature";
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            return "the credential scope is not <key>/<day>/<region>/<service>/aws4_request";
        if (scope[2] != region || scope[3] != service)
            return $"the request is signed for {scope[3]} in {scope[2]}, not {service} in {region}";
        if (header("x-amz-content-sha256") != UnsignedPayloadSigner.UnsignedPayload)
            return $"x-amz-content-sha256 is not {UnsignedPayloadSigner.UnsignedPayload}";
        if (!DateTimeOffset.TryParseExact(header("x-amz-date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            return "x-amz-date is missing or not yyyyMMddTHHmmssZ";
        if (scope[1] != signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
            return "the credential scope's day is not the day of x-amz-date";
        if ((time.GetUtcNow() - signedAt).Duration() > AllowedSkew)
            return $"the request was signed at {signedAt:u}, more than {AllowedSkew.TotalMinutes:0} minutes from now";
        if (secrets(scope[0]) is not { } credentials)
            return $"the access key {scope[0]} is unknown";
        if (credentials.SessionToken != header("x-amz-security-token"))
            return "x-amz-security-token is not the key's session token";

        // Signed again from what was received: any change to the method, path, query, host or signed headers since
        // signing, or another secret, gives another signature.
        using var again = new HttpRequestMessage(new HttpMethod(method), uri);
        again.Headers.Host = header("Host");
        new UnsignedPayloadSigner(service, region).Sign(again, credentials, signedAt);
        var expected = again.Headers.GetValues("Authorization").Single();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization))
            ? null
            : "the signature does not match the request";
    }
}
