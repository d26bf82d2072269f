using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// An issuer's JWKS endpoint on loopback HTTPS, whose answers the test controls (slow, failing), and the handler a
/// gateway fetches it with (trusting exactly this server's certificate).
/// </summary>
public sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private int _fetches;

    private JwksServer(WebApplication app, X509Certificate2 certificate, string document)
    {
        _app = app;
        _certificate = certificate;
        Document = document;
    }

    /// <summary>The JWKS document served.</summary>
    public string Document { get; }

    /// <summary>How long each answer waits.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer 500 instead of the document.</summary>
    public bool Failing { get; set; }

    /// <summary>Answers sent so far (after their delay).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The document's URI.</summary>
    public string Uri { get; private set; } = "";

    /// <summary>A handler that trusts this server's certificate only.</summary>
    public HttpMessageHandler Handler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString() },
    };

    /// <summary>Starts serving <paramref name="document"/> at <c>https://127.0.0.1:PORT/jwks</c>.</summary>
    public static async Task<JwksServer> StartAsync(string document)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=jwks.test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new JwksServer(app, certificate, document);
        app.Run(async context =>
        {
            await Task.Delay(server.Delay);
            Interlocked.Increment(ref server._fetches);
            if (server.Failing)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(server.Document);
        });
        await app.StartAsync();
        server.Uri = $"{app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)}/jwks";
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
