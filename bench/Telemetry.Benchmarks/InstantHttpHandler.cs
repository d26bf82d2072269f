using System.Net;

namespace MeshFed.Telemetry.Benchmarks;

/// <summary>Answers every request at once with 200 <c>{}</c> after reading its body, so a benchmark measures the exporter (serialize, sign, compress), not a network.</summary>
public sealed class InstantHttpHandler : HttpMessageHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
    }
}
