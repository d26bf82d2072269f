// The floor of a YARP-based east-west gateway, for bench/gateway/run.sh: the two hops of meshfed's topology,
// built from YARP alone with the same transport settings as meshfed's gateways (src/Gateway/Config/FederationLink.cs,
// src/Gateway/Hosting/PeerClientFactory.cs): hop A is a plaintext local listener forwarding over an HTTP/2 TLS 1.3
// link with a client certificate; hop B terminates that link, requiring a client certificate of the federation's
// bundle, and forwards to the backend over HTTP/1.1. What meshfed does beyond this (SPIFFE identity, allow rules,
// routing, retries and timeouts, outlier detection, telemetry) is what the difference between the two measures.
//
// Usage: yarp-floor a <listen-port> <peer-port> <cert.pem> <key.pem> <bundle.pem>
//        yarp-floor b <listen-port> <backend-port> <cert.pem> <key.pem> <bundle.pem>
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

if (args.Length != 6 || args[0] is not ("a" or "b"))
{
    Console.Error.WriteLine("usage: yarp-floor a|b <listen-port> <next-port> <cert.pem> <key.pem> <bundle.pem>");
    return 2;
}
// As meshfed does for itself (src/Federation/Cli/SocketCompletions.cs): socket completions on the event thread.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var hop = args[0];
var listen = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var next = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var certificate = X509Certificate2.CreateFromPemFile(args[3], args[4]);
var bundle = new X509Certificate2Collection();
bundle.ImportFromPemFile(args[5]);
var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, listen, endpoint =>
{
    if (hop == "a")
    {
        endpoint.Protocols = HttpProtocols.Http1;
        return;
    }
    endpoint.Protocols = HttpProtocols.Http1AndHttp2;
    // As meshfed's peer listener (GatewayHost.PeerTls): options per connection, TLS 1.3, a client certificate required.
    endpoint.UseHttps(new TlsHandshakeCallbackOptions
    {
        OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            ClientCertificateRequired = true,
            AllowTlsResume = false,
            EnabledSslProtocols = SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
            RemoteCertificateValidationCallback = (_, client, _, _) => client is X509Certificate2 leaf && Chains.To(leaf, bundle),
        }),
    });
}));

var cluster = new ClusterConfig
{
    ClusterId = "next",
    Destinations = new Dictionary<string, DestinationConfig>
    {
        ["next"] = new() { Address = hop == "a" ? $"https://127.0.0.1:{next}" : $"http://127.0.0.1:{next}" },
    },
    HttpRequest = hop == "a" ? new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower } : null,
    HttpClient = hop == "a" ? new HttpClientConfig { EnableMultipleHttp2Connections = true } : null,
};
var route = new RouteConfig { RouteId = "all", ClusterId = "next", Match = new RouteMatch { Path = "/{**rest}" } };
builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
builder.Services.AddSingleton<IForwarderHttpClientFactory>(new LinkClientFactory(context, bundle));
// As meshfed's GatewayHost: without the authorization middleware a WebApplication adds because YARP registers authorization.
builder.Services.RemoveAll<IAuthorizationHandlerProvider>();
builder.Services.RemoveAll<IAuthorizationService>();
builder.Services.RemoveAll<Microsoft.AspNetCore.Authorization.Policy.IPolicyEvaluator>();

var app = builder.Build();
app.MapReverseProxy();
app.Run();
return 0;

/// <summary>The link's client, as meshfed's PeerClientFactory sets it (less its SPIFFE checks and resilience).</summary>
internal sealed class LinkClientFactory(SslStreamCertificateContext context, X509Certificate2Collection bundle) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext clientContext, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(clientContext, handler);
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60);
        handler.InitialHttp2StreamWindowSize = 1024 * 1024;
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls13,
            ClientCertificateContext = context,
            AllowTlsResume = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 leaf && Chains.To(leaf, bundle),
        };
    }
}

/// <summary>The floor's peer check, at both ends: the certificate chains to the federation's bundle (no SPIFFE checks).</summary>
internal static class Chains
{
    public static bool To(X509Certificate2 leaf, X509Certificate2Collection bundle)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(bundle);
        chain.ChainPolicy.ExtraStore.AddRange(bundle);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
