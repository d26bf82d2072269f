using System.Net;
using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Tracing;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// The local listener's router (requests from this site's mesh). It takes the caller's identity from the
/// mesh's client-certificate header, and only when a trusted hop (the site mesh's sidecar) wrote it, or from VPC
/// Lattice's identity header, and only when Lattice sent it (never from a caller-supplied <c>x-meshfed-caller</c>), chooses version and site, and sends the request to that site's
/// gateway, or delivers it here when the site is this one.
/// </summary>
public sealed class OutboundRouter(GatewayState state, IProxyStateLookup lookup, TargetSelector selector, AccessCheck access, CallerIdentity callers, TimeProvider time, bool recordSpans)
{
    /// <summary>The YARP pipeline step.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var plan = state.Plan;
        var hops = plan.Settings.TrustXfccFrom ?? ForwardedClientCertHops.For(plan.Site);
        // Only the mesh's sidecar (a trusted hop), or any caller where the operator allows it, decides sampling (R4).
        var mayDecideSampling = plan.Settings.TrustLocalTraceSampling || ForwardedClientCertHops.Contains(hops, context.Connection.RemoteIpAddress);
        var trace = RequestTracing.Begin(context, mayDecideSampling, plan.TraceSampler, recordSpans);
        try
        {
            var self = plan.Site.Name;
            var request = context.Request;
            var caller = callers.FromLocal(request.Headers[ForwardedClientCert.HeaderName], context.Connection.RemoteIpAddress, hops, plan.Site)
                ?? callers.FromLattice(request.Headers[LatticeCaller.IdentityHeader], context.Connection.RemoteIpAddress, plan.TrustedLatticeSources, plan.Site, plan.LatticeRoles);
            request.Headers.Remove(ForwardedClientCert.HeaderName);
            LatticeCaller.Strip(request.Headers);
            request.Headers.Remove(DataPath.CallerHeader);
            if (PathSafety.Ambiguity(request.Path) is { } ambiguity)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "ambiguous-path", ambiguity, self, null);
                return;
            }

            var (service, hostPort) = plan.Outbound.Find(request.Host.Value);
            if (service is null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status404NotFound, "unknown-host", $"no service for host '{request.Host}' is visible from site '{self}'", self, null);
                return;
            }
            var port = GatewayPlan.ChoosePort(request, service, hostPort, out var portRefusal);
            if (port is null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "ambiguous-port", portRefusal!, self, service.Name);
                return;
            }
            var choice = selector.Choose(plan, service, request, port, localOnly: false);
            if (choice.Refusal is not null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status404NotFound, "no-route", choice.Refusal, self, service.Name);
                return;
            }
            var version = choice.Version!;
            var site = choice.Site!;
            var timeout = choice.Route?.Timeout ?? service.Traffic.Timeout;
            var retries = choice.Route?.Retries ?? service.Traffic.Retries;
            var routes = plan.RoutesOf(service);
            var resilience = routes.ResilienceOf(choice.Route, inbound: false);
            request.Headers[DataPath.VersionHeader] = version;
            // The site is chosen: the header has done its work. The peer gateway delivers in its own site and has always
            // removed it unread, so it does not cross the link (one header fewer to encode here and decode there).
            request.Headers.Remove(DataPath.SiteHeader);
            if (site == self)
            {
                // Delivered here: this gateway is where the request enters the serving site, so it enforces.
                var denial = await access.CheckAsync(plan.Mesh, service, caller, null, request, context.RequestAborted);
                if (denial is not null)
                {
                    await Refusal.WriteAsync(context, denial.Status, denial.Reason, denial.Message, self, service.Name);
                    return;
                }
                var local = new RoutingDecision(service, version, site, RoutingDecision.Local, timeout, retries, choice.FailedOver, resilience) { Trace = trace };
                await ProxyDispatch.ForwardAsync(context, next, lookup, routes.ClusterFor(version, site, port), local, self, time);
                return;
            }
            if (caller is not null)
                request.Headers[DataPath.CallerHeader] = caller;
            var outbound = new RoutingDecision(service, version, site, RoutingDecision.Outbound, timeout, retries, choice.FailedOver, resilience) { Trace = trace };
            await ProxyDispatch.ForwardAsync(context, next, lookup, routes.ClusterFor(version, site, port), outbound, self, time);
        }
        finally
        {
            trace.End(context);
        }
    }
}
