using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace MeshFed.Adapters.Aws.Client;

/// <summary>
/// Signs HTTP requests with AWS Signature Version 4 using AWSSDK.Core's own signer (the one every AWS SDK
/// for .NET client uses), for the services whose SDK packages are not available here: App Mesh, CloudWatch,
/// X-Ray. Adds <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (temporary credentials),
/// <c>x-amz-content-sha256</c> and <c>Authorization</c>.
/// </summary>
/// <param name="service">The signing name (<c>appmesh</c>, <c>monitoring</c>, <c>xray</c>).</param>
/// <param name="region">The region, e.g. <c>us-east-1</c>.</param>
public sealed class SigV4Signer(string service, string region)
{
    private readonly AWS4Signer _signer = new();

    /// <summary>The signing name.</summary>
    public string Service { get; } = service;

    /// <summary>The region.</summary>
    public string Region { get; } = region;

    /// <summary>Signs <paramref name="request"/> whose body is <paramref name="body"/>, as of <paramref name="signedAt"/> (UTC).</summary>
    public void Sign(HttpRequestMessage request, byte[] body, AwsCredentials credentials, DateTime signedAt)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request));
        var sdkRequest = new DefaultRequest(new SigningOnlyRequest(), "meshfed")
        {
            HttpMethod = request.Method.Method,
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            ResourcePath = Uri.UnescapeDataString(uri.AbsolutePath),
            Content = body,
            AuthenticationRegion = Region,
            // REST protocols carry parameters in the query string, never in the body.
            UseQueryString = true,
        };
        foreach (var pair in ParseQuery(uri.Query))
            sdkRequest.Parameters[pair.Key] = pair.Value;
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            sdkRequest.Headers[header.Key] = string.Join(",", header.Value);
        if (credentials.SessionToken is { } token)
            sdkRequest.Headers["X-Amz-Security-Token"] = token;

        var result = _signer.SignRequest(sdkRequest, new SigningConfig(Service, Region), new RequestMetrics(), credentials.AccessKeyId, credentials.SecretAccessKey, signedAt);
        sdkRequest.Headers["Authorization"] = result.ForAuthorizationHeader;

        foreach (var name in new[] { "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256", "Authorization" })
        {
            var value = sdkRequest.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (value is null)
                continue;
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            yield return equals < 0
                ? new(Uri.UnescapeDataString(part), "")
                : new(Uri.UnescapeDataString(part[..equals]), Uri.UnescapeDataString(part[(equals + 1)..]));
        }
    }

    /// <summary>The signer reads the signing name and region from a client configuration; this is the smallest one.</summary>
    private sealed class SigningConfig : ClientConfig
    {
        public SigningConfig(string service, string region)
            : base(new SigningDefaults())
        {
            AuthenticationServiceName = service;
            AuthenticationRegion = region;
        }

        public override string RegionEndpointServiceName => AuthenticationServiceName;

        public override string ServiceVersion => "meshfed";

        public override string UserAgent => "meshfed";

        // Endpoints come from the caller (the region's endpoint or --endpoint-url), never from the SDK's rules.
        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException("meshfed resolves endpoints itself");
    }

    /// <summary>The configuration defaults the base class asks for; signing uses none of them.</summary>
    private sealed class SigningDefaults : IDefaultConfigurationProvider
    {
        public IDefaultConfiguration GetDefaultConfiguration(Amazon.RegionEndpoint clientRegion, DefaultConfigurationMode? requestedConfigurationMode = null) =>
            new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard };
    }

    /// <summary>The SDK's request type wraps a typed request; signing needs none of it.</summary>
    private sealed class SigningOnlyRequest : AmazonWebServiceRequest;
}
