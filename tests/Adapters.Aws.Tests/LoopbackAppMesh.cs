using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// A loopback HTTP endpoint that records every request and answers from a script (status, error type,
/// body), for testing the App Mesh client's wire behaviour: paths, pagination, retries, error mapping.
/// </summary>
public sealed class LoopbackAppMesh : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string? ErrorType, string Body, TimeSpan Delay)> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _loop;

    private readonly Func<RecordedRequest, (int Status, string? ErrorType, string Body)>? _handler;

    /// <summary>A scripted endpoint; with <paramref name="handler"/>, requests the script does not answer go to it.</summary>
    public LoopbackAppMesh(Func<RecordedRequest, (int Status, string? ErrorType, string Body)>? handler = null)
    {
        _handler = handler;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"{Endpoint}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    /// <summary>Queues answers; when the script is empty every request gets 200 <c>{}</c>.</summary>
    public void Answer(int status, string body = "{}", string? errorType = null, TimeSpan delay = default)
    {
        lock (_script) _script.Enqueue((status, errorType, body, delay));
    }

    public void Dispose()
    {
        // Close alone: Stop then Close unregisters the port twice and the second re-binds it (see LoopbackSink).
        _listener.Close();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var recorded = new RecordedRequest(context.Request.HttpMethod, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath),
                context.Request.QueryString.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.QueryString[k]!),
                string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)?.AsObject(),
                context.Request.Headers["Authorization"])
            {
                RawPath = context.Request.RawUrl!.Split('?')[0],
            };
            lock (_requests)
                _requests.Add(recorded);
            (int Status, string? ErrorType, string Body, TimeSpan Delay)? scripted = null;
            lock (_script)
            {
                if (_script.Count > 0)
                    scripted = _script.Dequeue();
            }
            if (scripted is { Delay: var delay } && delay > TimeSpan.Zero)
                _ = RespondLaterAsync(context, scripted.Value, delay); // a slow answer: the client gives up first
            else
                await RespondAsync(context, scripted is { } s ? (s.Status, s.ErrorType, s.Body) : _handler?.Invoke(recorded) ?? (200, null, "{}"));
        }
    }

    private static async Task RespondLaterAsync(HttpListenerContext context, (int Status, string? ErrorType, string Body, TimeSpan Delay) answer, TimeSpan delay)
    {
        await Task.Delay(delay);
        try
        {
            await RespondAsync(context, (answer.Status, answer.ErrorType, answer.Body));
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client hung up already.
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, (int Status, string? ErrorType, string Body) answer)
    {
        context.Response.StatusCode = answer.Status;
        if (answer.ErrorType is not null)
            context.Response.Headers["x-amzn-ErrorType"] = answer.ErrorType;
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

/// <summary>One request the loopback endpoint received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, JsonObject? Body, string? Authorization)
{
    /// <summary>The path as sent, percent-encoding kept (labels such as an ARN are one encoded segment).</summary>
    public string RawPath { get; init; } = Path;
}
