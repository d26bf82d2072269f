using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshFed.Tests.Shared.Telemetry;

/// <summary>A request as a telemetry sink received it: body gunzipped when it came compressed.</summary>
public sealed record CapturedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] RawBody, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>How the sink answers one request: status, body, headers, and an optional delay (longer than the client's timeout = a hang).</summary>
public sealed record SinkAnswer(int Status = 200, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public static SinkAnswer Ok { get; } = new();
}

/// <summary>
/// A loopback HTTP endpoint standing in for CloudWatch, X-Ray, Cloud Monitoring or Cloud Trace: records every
/// request and answers through a replaceable behaviour, so tests can make it throttle, fail, hang and recover.
/// Requests are served concurrently, so a hanging answer does not hold the others.
/// </summary>
public sealed class LoopbackSink : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile Func<CapturedRequest, SinkAnswer> _behaviour = _ => SinkAnswer.Ok;

    public LoopbackSink()
    {
        // HttpListener cannot listen on port 0: probe a free port, and probe again if another test took it.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Endpoint = new Uri($"http://127.0.0.1:{port}");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Not closed: closing a listener that never bound looks the port up by binding it (see Dispose).
            }
        }
        _ = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>From now on, answers with <paramref name="behaviour"/>.</summary>
    public void Behave(Func<CapturedRequest, SinkAnswer> behaviour) => _behaviour = behaviour;

    public void Dispose()
    {
        _stop.Cancel();
        // Close alone: Stop followed by Close unregisters the port twice, and the second time the managed
        // HttpListener binds it again to look it up, failing with "Address already in use" when another
        // test has taken the port meanwhile.
        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var raw = buffer.ToArray();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            var text = headers.GetValueOrDefault("content-encoding") == "gzip" ? Gunzip(raw) : Encoding.UTF8.GetString(raw);
            var request = new CapturedRequest(context.Request.HttpMethod, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath),
                context.Request.Url.Query, headers, raw, text);
            _requests.Enqueue(request);
            var answer = _behaviour(request);
            if (answer.Delay > TimeSpan.Zero)
                await Task.Delay(answer.Delay, _stop.Token);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            var body = Encoding.UTF8.GetBytes(answer.Body);
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (timeout) or the sink is being disposed.
            try { context.Response.Abort(); } catch (Exception) { }
        }
    }

    private static string Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
