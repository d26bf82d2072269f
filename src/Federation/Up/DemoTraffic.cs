using MeshFed.Model;

namespace MeshFed.Federation.Up;

/// <summary>
/// Demo callers: at a steady rate, requests from every site to every service visible there, sent to the
/// site's gateway as the site's mesh would send them (Host = the service, the caller's identity in
/// <c>x-forwarded-client-cert</c>). Requests are shaped to exercise the manifest: a share of them satisfy each
/// route's match (headers, query, path, method), and callers are the ones the allow rules name.
/// </summary>
public sealed class DemoTraffic
{
    private readonly LocalFederation _federation;
    private readonly DemoIssuer? _issuer;
    private readonly IReadOnlyList<(Site Site, Service Service)> _pairs;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private long _sent;
    private long _failed;

    /// <summary>Prepares traffic for <paramref name="federation"/>; tokens come from <paramref name="issuer"/>.</summary>
    public DemoTraffic(LocalFederation federation, DemoIssuer? issuer)
    {
        _federation = federation;
        _issuer = issuer;
        _pairs = [.. federation.Mesh.Sites.SelectMany(site => federation.Mesh.Services
            .Where(s => s.IsVisibleFrom(site.Name) && s.Ports.Any(p => p.IsRequestAware))
            .Select(service => (site, service)))];
    }

    /// <summary>Requests sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests that got no HTTP answer at all.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Sends <paramref name="ratePerSecond"/> requests a second until cancelled.</summary>
    public async Task RunAsync(double ratePerSecond, CancellationToken cancellationToken)
    {
        if (_pairs.Count == 0 || ratePerSecond <= 0)
            return;
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        using var timer = new PeriodicTimer(interval < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : interval);
        var perTick = Math.Max(1, (int)Math.Round(ratePerSecond / 1000));
        var random = new Random(1);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                for (var i = 0; i < perTick; i++)
                {
                    var (site, service) = _pairs[random.Next(_pairs.Count)];
                    _ = SendOneAsync(site, service, random.Next(), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task SendOneAsync(Site site, Service service, int seed, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        try
        {
            using var request = DemoRequest.For(_federation.Mesh, service, new Random(seed), _federation.Gateways[site.Name].LocalEndpoint.Port, _issuer, site);
            using var response = await _http.SendAsync(request, cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            if (!cancellationToken.IsCancellationRequested)
                Interlocked.Increment(ref _failed);
        }
    }
}
