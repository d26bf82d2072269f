using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Tracing;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy;

namespace MeshFed.Gateway.Routing;

/// <summary>
/// The peer listener's router (requests from other sites' gateways, authenticated at the TLS handshake). It
/// checks that the service is served to the peer's site, enforces JWT and allow rules with the original
/// caller's identity, and delivers to the chosen version in this site.
/// </summary>
public sealed class InboundRouter(GatewayState state, IProxyStateLookup lookup, TargetSelector selector, AccessCheck access, CallerIdentity callers, TimeProvider time, bool recordSpans)
{
    /// <summary>The YARP pipeline step.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var plan = state.Plan;
        // The peer is a federation gateway (mTLS): its sampling decision is the trace's, as a sidecar's is.
        var trace = RequestTracing.Begin(context, mayDecideSampling: true, plan.TraceSampler, recordSpans);
        try
        {
            var self = plan.Site.Name;
            var request = context.Request;
            var peerSite = context.Connection.ClientCertificate is { } certificate ? SpiffeId.GatewaySiteOf(certificate) : null;
            if (peerSite is null)
            {
                // The handshake admits only federation gateways; this is a defence in depth, not a path in use.
                await Refusal.WriteAsync(context, StatusCodes.Status403Forbidden, "not-a-peer", "requests here must come from a federation gateway", self, null);
                return;
            }
            // Site B's gateway vouches only for workloads of B's mesh (E3).
            var caller = callers.FromPeer(request.Headers[DataPath.CallerHeader], plan.Mesh.FindSite(peerSite));
            request.Headers.Remove(DataPath.CallerHeader);
            request.Headers.Remove(DataPath.SiteHeader);
            request.Headers.Remove(ForwardedClientCert.HeaderName);
            if (PathSafety.Ambiguity(request.Path) is { } ambiguity)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "ambiguous-path", ambiguity, self, null);
                return;
            }

            var (service, hostPort) = plan.Inbound.Find(request.Host.Value);
            if (service is null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status404NotFound, "unknown-host", $"no service for host '{request.Host}' runs in site '{self}'", self, null);
                return;
            }
            if (!service.IsVisibleFrom(peerSite))
            {
                await Refusal.WriteAsync(context, StatusCodes.Status403Forbidden, "not-exported", $"service '{service.Name}' is not served to site '{peerSite}' (exportTo)", self, service.Name);
                return;
            }
            var port = GatewayPlan.ChoosePort(request, service, hostPort, out var portRefusal);
            if (port is null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status400BadRequest, "ambiguous-port", portRefusal!, self, service.Name);
                return;
            }
            var choice = selector.Choose(plan, service, request, port, localOnly: true);
            if (choice.Refusal is not null)
            {
                await Refusal.WriteAsync(context, StatusCodes.Status404NotFound, "no-route", choice.Refusal, self, service.Name);
                return;
            }
            var denial = await access.CheckAsync(plan.Mesh, service, caller, peerSite, request, context.RequestAborted);
            if (denial is not null)
            {
                await Refusal.WriteAsync(context, denial.Status, denial.Reason, denial.Message, self, service.Name);
                return;
            }
            var version = choice.Version!;
            request.Headers[DataPath.VersionHeader] = version;
            // The sender owns retries (one layer retries, or attempts multiply), so here one attempt per request; but
            // the service's timeout applies here too, so a request whose sender vanished does not hold a backend
            // connection until YARP's 100 s activity timeout (R7).
            var timeout = choice.Route?.Timeout ?? service.Traffic.Timeout;
            var routes = plan.RoutesOf(service);
            var decision = new RoutingDecision(service, version, self, RoutingDecision.Inbound, timeout, null, false, routes.ResilienceOf(choice.Route, inbound: true)) { Trace = trace };
            await ProxyDispatch.ForwardAsync(context, next, lookup, routes.ClusterFor(version, self, port), decision, self, time);
        }
        finally
        {
            trace.End(context);
        }
    }
}
