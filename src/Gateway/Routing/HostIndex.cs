using MeshFed.Model;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// Finds the service a request is for from its <c>Host</c>: <c>name</c>, <c>name.ns</c>, <c>name.ns.svc</c> or
/// <c>name.ns.svc.cluster.local</c>, with or without a port, as Kubernetes DNS lets callers write it. A short
/// name two namespaces share is ambiguous and only matches in its longer forms.
/// </summary>
public sealed class HostIndex
{
    private readonly Dictionary<string, Service> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes <paramref name="services"/>.</summary>
    public HostIndex(IEnumerable<Service> services)
    {
        var ambiguous = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in services)
        {
            foreach (var name in NamesOf(service))
            {
                if (!_byName.TryAdd(name, service) && !ReferenceEquals(_byName[name], service))
                    ambiguous.Add(name);
            }
        }
        foreach (var name in ambiguous)
            _byName.Remove(name);
    }

    /// <summary>The service named by a <c>Host</c> header value, and the port it names (null when none).</summary>
    public (Service? Service, int? Port) Find(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return (null, null);
        int? port = null;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && host.IndexOf(']') < colon)
        {
            if (int.TryParse(host.AsSpan(colon + 1), out var parsed))
                port = parsed;
            host = host[..colon];
        }
        host = host.TrimEnd('.');
        return (_byName.GetValueOrDefault(host), port);
    }

    private static IEnumerable<string> NamesOf(Service service)
    {
        yield return service.Name;
        yield return $"{service.Name}.{service.Namespace}";
        yield return $"{service.Name}.{service.Namespace}.svc";
        yield return service.Host;
    }
}
