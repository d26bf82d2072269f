using System.Net;
using System.Text.Json;
using MeshFed.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshFed.Federation.Up;

/// <summary>
/// A small stand-in for one version of a service in one site: answers every request with who it is and the
/// request headers it received (so the trace and routing headers can be seen), after a latency typical of
/// the version. Its <see cref="Fault"/> can make it fail, to show breakers and failover.
/// </summary>
public sealed class DemoWorkload : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoWorkload(WebApplication app, Service service, Deployment deployment, int port, int? http2Port)
    {
        _app = app;
        Service = service;
        Deployment = deployment;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        Http2Endpoint = http2Port is { } h2 ? new Uri($"http://127.0.0.1:{h2}/") : null;
    }

    /// <summary>The service.</summary>
    public Service Service { get; }

    /// <summary>The deployment (site and version).</summary>
    public Deployment Deployment { get; }

    /// <summary>Where it listens for HTTP/1.1.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Where it listens for HTTP/2 without TLS (prior knowledge, as gRPC workloads do behind a mesh), when the
    /// service has an HTTP/2 or gRPC port: a cleartext listener speaks one or the other, never both.
    /// </summary>
    public Uri? Http2Endpoint { get; }

    /// <summary>The endpoint serving <paramref name="port"/>'s protocol.</summary>
    public Uri EndpointFor(ServicePort port) =>
        port.IsHttp2 && Http2Endpoint is { } h2 ? h2 : Endpoint;

    /// <summary>When set, every request is answered with this status instead.</summary>
    public int? Fault { get; set; }

    /// <summary>The next this many requests are answered 503, then the workload is healthy again (a transient fault).</summary>
    public int FailNext
    {
        get => Volatile.Read(ref _failNext);
        set => Volatile.Write(ref _failNext, value);
    }

    private int _failNext;

    /// <summary>Extra latency added to every answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Requests answered so far.</summary>
    public long Served => Interlocked.Read(ref _served);

    private long _served;
    private bool _typicalLatency;

    /// <summary>Starts the workload on a free loopback port.</summary>
    public static async Task<DemoWorkload> StartAsync(Service service, Deployment deployment, bool typicalLatency, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var port = FreePorts.Next();
        int? http2Port = service.Ports.Any(p => p.IsHttp2) ? FreePorts.Next() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1);
            if (http2Port is { } h2)
                k.Listen(IPAddress.Loopback, h2, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        var app = builder.Build();
        var workload = new DemoWorkload(app, service, deployment, port, http2Port) { _typicalLatency = typicalLatency };
        app.Run(workload.AnswerAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return workload;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _served);
        var delay = Delay + (_typicalLatency ? TypicalLatency() : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        Interlocked.CompareExchange(ref _failNext, 0, -1);
        if (Fault is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }
        context.Response.ContentType = "application/json";
        var body = new
        {
            service = Service.Name,
            version = Deployment.Version,
            site = Deployment.Site,
            method = context.Request.Method,
            path = context.Request.Path.Value,
            protocol = context.Request.Protocol,
            headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted).ConfigureAwait(false);
    }

    // A little latency that differs by version, so the golden signals of a canary differ visibly.
    private TimeSpan TypicalLatency()
    {
        var index = Service.Versions.ToList().IndexOf(Deployment.Version);
        return TimeSpan.FromMilliseconds(Random.Shared.Next(1, 4) + 3 * Math.Max(0, index));
    }

    /// <summary>Stops answering (connections are refused afterwards).</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
