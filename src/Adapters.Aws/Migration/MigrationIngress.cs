using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Migration;

/// <summary>
/// The App Mesh ingress of a site moving to VPC Lattice (<see cref="Site.Migration"/>): which services Lattice can hand
/// their App Mesh share to, and the HTTP version of the virtual gateway's one listener. Read by both sides, so the
/// Lattice target group and the virtual gateway it points at cannot disagree.
/// </summary>
public static class MigrationIngress
{
    /// <summary>
    /// True when Lattice can send <paramref name="service"/>'s requests into App Mesh through the ingress virtual gateway:
    /// it runs here with exactly one request-aware port. With several, the gateway route needs the port in
    /// <c>x-meshfed-port</c> (App Mesh guide, "Gateway routes": the provider port is required when the virtual service
    /// has several listeners), a header Lattice cannot add (a forward action has no header rewrite: Smithy model, ForwardAction).
    /// </summary>
    public static bool CanReach(SiteView view, Service service) =>
        view.RunsHere(service) && service.Ports.Count(p => p.IsRequestAware) == 1;

    /// <summary>The services the ingress virtual gateway routes during the migration, in manifest order.</summary>
    public static IEnumerable<Service> Services(SiteView view) => view.VisibleServices.Where(s => CanReach(view, s));

    /// <summary>
    /// Whether the virtual gateway's one listener speaks HTTP/2: as soon as a service it routes has an HTTP/2 or gRPC port
    /// (App Mesh API reference, VirtualGatewaySpec: "You can specify one listener"; a gateway route's type follows the listener).
    /// </summary>
    public static bool SpeaksHttp2(SiteView view) => Services(view).Any(s => s.Ports.Any(p => p.IsRequestAware && p.IsHttp2));
}
