using System.Net;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Signing;
using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Gateway.Policy;
using MeshFed.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace MeshFed.Federation.Up;

/// <summary>
/// A VPC Lattice site's data plane on loopback, for <c>meshfed up</c>: where the site's gateway delivers requests
/// from other sites (and its own site's local shares), as Lattice services would take them. Each request must be
/// SigV4-signed for <c>vpc-lattice-svcs</c> in the site's region by the gateway's generated key (checked with
/// <see cref="UnsignedPayloadVerifier"/>, refused 403 otherwise, as an AWS_IAM service does:
/// https://docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html); the Lattice service its
/// Host names must be rendered for the site, and its rendered auth policy must admit the gateway's role by its
/// principal tag; the rule pinned to <c>x-meshfed-version</c> forwards to that version's workload, with Lattice's
/// caller identity headers in place of the signature (docs/lattice-datapath.md).
/// </summary>
public sealed class LatticeStandIn : IAsyncDisposable
{
    /// <summary>The region of a Lattice site that names none.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>The account id of the generated gateway role (all zeros: no real account has it).</summary>
    public const string DemoAccount = "000000000000";

    private readonly WebApplication _app;
    private readonly Site _site;
    private readonly UnsignedPayloadVerifier _verifier;
    private readonly IReadOnlyDictionary<string, string?> _refusals;
    private readonly Func<Service, string, ServicePort, Uri?> _workload;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });
    private long _verified;
    private long _refused;

    private LatticeStandIn(WebApplication app, Site site, UnsignedPayloadVerifier verifier, IReadOnlyDictionary<string, string?> refusals, Func<Service, string, ServicePort, Uri?> workload, FederatedMesh mesh)
    {
        _app = app;
        _site = site;
        _verifier = verifier;
        _refusals = refusals;
        _workload = workload;
        Mesh = mesh;
    }

    private FederatedMesh Mesh { get; }

    /// <summary>Where it takes HTTP/1.1 (the site's HTTP listeners).</summary>
    public Uri Http1 { get; private set; } = null!;

    /// <summary>Where it takes prior-knowledge HTTP/2 (the site's HTTPS listeners, whose TLS the loopback stand-in leaves out).</summary>
    public Uri Http2 { get; private set; } = null!;

    /// <summary>Requests whose signature verified and that were admitted.</summary>
    public long Verified => Interlocked.Read(ref _verified);

    /// <summary>Requests refused: unsigned, badly signed, or not admitted by the auth policy.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The credentials <c>meshfed up</c> gives the gateway of a Lattice site (generated, never a real key).</summary>
    public static AwsCredentials NewGatewayCredentials() =>
        new($"AKIA{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}",
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)));

    /// <summary>Starts the stand-in of <paramref name="site"/> on free loopback ports.</summary>
    /// <param name="mesh">The mesh as it runs.</param>
    /// <param name="site">A VPC Lattice site.</param>
    /// <param name="gateway">The gateway's credentials: the only key the stand-in knows.</param>
    /// <param name="workload">The endpoint of a version of a service on the site for a port.</param>
    /// <param name="loggers">Logging.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    public static async Task<LatticeStandIn> StartAsync(FederatedMesh mesh, Site site, AwsCredentials gateway, Func<Service, string, ServicePort, Uri?> workload,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (http1, http2) = (FreePorts.Next(), FreePorts.Next());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, http1, l => l.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, http2, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var verifier = new UnsignedPayloadVerifier(LatticeSigningHandler.SigningName, site.Region ?? DefaultRegion,
            key => key == gateway.AccessKeyId ? gateway : null, TimeProvider.System);
        var standIn = new LatticeStandIn(app, site, verifier, AuthPolicyRefusals(mesh, site), workload, mesh)
        {
            Http1 = new Uri($"http://127.0.0.1:{http1}/"),
            Http2 = new Uri($"http://127.0.0.1:{http2}/"),
        };
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(context => standIn.AnswerAsync(context, forwarder));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return standIn;
    }

    // The site's rendered auth policies, judged once for the gateway's role (its principal tag, as the Terraform
    // module tags it): Lattice would judge every request against the same document.
    private static Dictionary<string, string?> AuthPolicyRefusals(FederatedMesh mesh, Site site)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LatticeAddressing.GatewayPrincipalTagKey] = LatticeAddressing.GatewayPrincipalTagValue(mesh, site),
        };
        var rendering = LatticeTranslator.Translate(mesh, site.Name);
        var policies = rendering.Resources.Select(r => r.Input).OfType<PutAuthPolicyInput>().ToDictionary(p => p.ResourceIdentifier, StringComparer.Ordinal);
        var refusals = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in rendering.Resources.Select(r => r.Input).OfType<CreateServiceInput>())
        {
            refusals[service.CustomDomainName] = service.AuthType != AuthType.AwsIam ? null
                : policies.TryGetValue(LatticeRefs.Service(service.Name), out var policy) ? LatticeAuthPolicy.Refusal(policy.Policy, tags)
                : "the service has auth type AWS_IAM and no auth policy";
        }
        return refusals;
    }

    private async Task AnswerAsync(HttpContext context, IHttpForwarder forwarder)
    {
        var request = context.Request;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var uri = new Uri($"http://{request.Host.Value}{raw}");
        if (_verifier.Refusal(request.Method, uri, name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null) is { } unsigned)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", unsigned);
            return;
        }
        var host = request.Host.Host;
        if (!_refusals.TryGetValue(host, out var refusal))
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, "NotFound", $"no Lattice service of site {_site.Name} has the custom domain name {host}");
            return;
        }
        if (refusal is not null)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", $"the auth policy of {host} refuses the gateway: {refusal}");
            return;
        }
        var service = Mesh.FindServiceByHost(host);
        var port = service?.Ports.FirstOrDefault(p => p.Port == (request.Host.Port ?? 80)) ?? service?.Ports.FirstOrDefault(p => p.IsRequestAware);
        var version = request.Headers[DataPath.VersionHeader].ToString();
        if (service is null || port is null || _workload(service, version, port) is not { } target)
        {
            // The listener's rules: only the pinned ones are met by the gateway's requests; without one, the default action's 404.
            await RefuseAsync(context, StatusCodes.Status404NotFound, "NoRule", $"no rule of {host} forwards {DataPath.VersionHeader}: '{version}' to a target");
            return;
        }
        Interlocked.Increment(ref _verified);
        // Lattice passes the caller's identity to targets and not its signature (HTTP targets, "Caller identity
        // headers": https://docs.aws.amazon.com/vpc-lattice/latest/ug/http-targets.html).
        foreach (var signed in new[] { "Authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token" })
            request.Headers.Remove(signed);
        // Lattice removes caller identity headers from every incoming request before it adds its own (same page).
        LatticeCaller.Strip(request.Headers);
        request.Headers[LatticeIdentity.Header] = LatticeIdentity.Of(DemoAccount, "meshfed-gateway", $"meshfed-gateway-{_site.Name}");
        var config = new ForwarderRequestConfig
        {
            Version = port.IsHttp2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        await forwarder.SendAsync(context, target.ToString(), _client, config);
    }

    private Task RefuseAsync(HttpContext context, int status, string type, string message)
    {
        Interlocked.Increment(ref _refused);
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
