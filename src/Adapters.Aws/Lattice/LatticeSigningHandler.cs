using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Signing;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>
/// Signs each request the gateway delivers into a VPC Lattice service with SigV4 for <c>vpc-lattice-svcs</c> and
/// an unsigned payload (https://docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html), with
/// the gateway's own role from the credential chain, so the service's IAM auth policy can admit the gateway.
/// It sits inside the retry handler: each attempt is signed afresh.
/// </summary>
public sealed class LatticeSigningHandler : DelegatingHandler
{
    /// <summary>The SigV4 signing name of requests to Lattice services (not of the Lattice control-plane API, <c>vpc-lattice</c>).</summary>
    public const string SigningName = "vpc-lattice-svcs";

    private readonly UnsignedPayloadSigner _signer;
    private readonly RefreshingCredentials _credentials;
    private readonly TimeProvider _time;

    /// <summary>A handler signing for <paramref name="region"/> with <paramref name="credentials"/>.</summary>
    public LatticeSigningHandler(string region, RefreshingCredentials credentials, TimeProvider time)
    {
        _signer = new UnsignedPayloadSigner(SigningName, region);
        _credentials = credentials;
        _time = time;
    }

    /// <summary>
    /// Makes handlers for the gateway of a Lattice site in <paramref name="region"/>, all sharing one credential
    /// source: the standard chain (the task or pod role), fetched again before expiry.
    /// </summary>
    public static Func<DelegatingHandler> FromCredentialChain(string region)
    {
        var credentials = new RefreshingCredentials(AwsCredentialChain.FetchAsync, TimeProvider.System);
        return () => new LatticeSigningHandler(region, credentials, TimeProvider.System);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.CurrentAsync(cancellationToken).ConfigureAwait(false);
        _signer.Sign(request, credentials, _time.GetUtcNow());
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
