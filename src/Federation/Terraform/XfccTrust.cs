using System.Net.Sockets;
using MeshFed.Gateway.Policy;
using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// From which addresses the gateway's local listener may take <c>x-forwarded-client-cert</c> as the caller's
/// identity (gateway option <c>--trust-xfcc-from</c>). The modules pass it explicitly, so the flag documents the
/// deployment; the rule itself is the gateway's own default (<see cref="ForwardedClientCertHops.For"/>), so the
/// two cannot disagree.
/// </summary>
public static class XfccTrust
{
    /// <summary>
    /// The trusted hops for <paramref name="site"/> as the modules pass them: the gateway's default hops, IPv4 only
    /// (the modules' pods and tasks are single-stack IPv4, where the sidecar delivers from 127.0.0.6); none where
    /// no sidecar fronts the gateway (ECS, App Mesh, VMs: the gateway strips the header, the caller is unknown).
    /// </summary>
    public static IReadOnlyList<string> For(Site site, SiteGateway gateway) =>
        [.. ForwardedClientCertHops.For(site with { Gateway = gateway })
            .Where(hop => hop.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(hop => hop.ToString())];
}
