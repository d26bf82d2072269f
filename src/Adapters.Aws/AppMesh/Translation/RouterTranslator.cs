using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// A service's virtual router and its routes. Route N gets priority N (first match wins, as in the
/// manifest). Each route's split keeps every local version's weight exactly; the shares that leave the site
/// are summed onto the service's remote node, and the meshfed gateway splits that share among the remote
/// targets (App Mesh cannot set headers to pin them).
/// </summary>
internal static class RouterTranslator
{
    public static AppMeshResource Router(AppMeshContext context, Service service) =>
        context.Resource(AppMeshResourceKind.VirtualRouter, AppMeshNames.Router(service), new JsonObject
        {
            ["listeners"] = new JsonArray([.. service.Ports.Select(p => (JsonNode)new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = p.Port, ["protocol"] = AppMeshNames.Protocol(p.Protocol) },
            })]),
        }, cr: context.CrHome(service));

    public static IEnumerable<AppMeshResource> Routes(AppMeshContext context, Service service)
    {
        var routes = service.EffectiveRoutes;
        var protocol = service.Ports.FirstOrDefault(p => p.IsRequestAware)?.Protocol ?? ServiceProtocol.Tcp;
        var pinned = protocol == ServiceProtocol.Tcp ? [] : PinnedRoutes(context, service, protocol).ToList();
        foreach (var route in pinned)
            yield return route;
        for (var index = 0; index < routes.Count; index++)
        {
            var route = routes[index];
            var spec = new JsonObject { ["priority"] = pinned.Count + index };
            if (protocol == ServiceProtocol.Tcp)
            {
                if (TcpTargets(context, service, route) is not { } tcpTargets)
                    continue;
                spec["tcpRoute"] = new JsonObject { ["action"] = new JsonObject { ["weightedTargets"] = tcpTargets } };
                yield return context.Resource(AppMeshResourceKind.Route, route.Name, spec, AppMeshNames.Router(service));
                continue;
            }
            // gRPC is HTTP/2: http2Route matches paths and headers, which grpcRoute's service/method match cannot.
            var body = new JsonObject
            {
                ["match"] = Match(route.Match),
                ["action"] = new JsonObject { ["weightedTargets"] = WeightedTargets(context, service, route) },
            };
            if (RetryPolicy(context, service, route) is { } retry)
                body["retryPolicy"] = retry;
            if ((route.Timeout ?? service.Traffic.Timeout) is { } timeout)
                body["timeout"] = new JsonObject { ["perRequest"] = AppMeshValues.Duration(timeout) };
            spec[protocol == ServiceProtocol.Http ? "httpRoute" : "http2Route"] = body;
            yield return context.Resource(AppMeshResourceKind.Route, route.Name, spec, AppMeshNames.Router(service));
        }
    }

    // A request the gateway brings from another site carries the version the caller's side chose
    // (x-meshfed-version): these routes, ahead of the manifest's, deliver exactly that version instead of
    // splitting it again (which could send it back across sites).
    private static IEnumerable<AppMeshResource> PinnedRoutes(AppMeshContext context, Service service, ServiceProtocol protocol)
    {
        if (!context.ServedToOtherSites(service))
            yield break;
        var versions = context.LocalDeployments(service).Select(d => d.Version).Distinct().ToList();
        for (var priority = 0; priority < versions.Count; priority++)
        {
            var body = new JsonObject
            {
                ["match"] = new JsonObject
                {
                    ["prefix"] = "/",
                    ["headers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = DataPath.VersionHeader,
                        ["invert"] = false,
                        ["match"] = new JsonObject { ["exact"] = versions[priority] },
                    }),
                },
                ["action"] = new JsonObject
                {
                    ["weightedTargets"] = new JsonArray(new JsonObject { ["virtualNode"] = AppMeshNames.Node(service, versions[priority]), ["weight"] = 100 }),
                },
            };
            var spec = new JsonObject { ["priority"] = priority, [protocol == ServiceProtocol.Http ? "httpRoute" : "http2Route"] = body };
            yield return context.Resource(AppMeshResourceKind.Route, $"meshfed-pinned-{versions[priority]}", spec, AppMeshNames.Router(service));
        }
    }

    private static JsonArray WeightedTargets(AppMeshContext context, Service service, Route route)
    {
        var weights = new List<(string Node, int Weight)>();
        foreach (var target in route.To)
        {
            var resolved = ResolvedTarget.From(service, target, context.Site.Name);
            var node = resolved.IsRemote ? AppMeshNames.RemoteNode(service) : AppMeshNames.Node(service, resolved.Version);
            var existing = weights.FindIndex(w => w.Node == node);
            if (existing >= 0)
                weights[existing] = (node, weights[existing].Weight + resolved.Weight);
            else
                weights.Add((node, resolved.Weight));
        }
        return new JsonArray([.. weights.Select(w => (JsonNode)new JsonObject { ["virtualNode"] = w.Node, ["weight"] = w.Weight })]);
    }

    /// <summary>
    /// TCP carries no request the gateway could route, and the gateway has no TCP pass-through yet: shares for
    /// other sites are not rendered (said as a diagnostic) and local versions take the route whole, in
    /// proportion to their weights. Null when no version of the route runs here.
    /// </summary>
    private static JsonArray? TcpTargets(AppMeshContext context, Service service, Route route)
    {
        var local = new List<(string Node, int Weight)>();
        foreach (var target in route.To)
        {
            var resolved = ResolvedTarget.From(service, target, context.Site.Name);
            if (resolved.IsRemote)
            {
                context.Warn(service, "tcp routes",
                    $"the {resolved.Weight}% share of tcp traffic to version {resolved.Version} on another site is not rendered: the meshfed gateway has no TCP pass-through yet; only local versions take tcp traffic here");
                continue;
            }
            local.Add((AppMeshNames.Node(service, resolved.Version), resolved.Weight));
        }
        if (local.Count == 0)
            return null;
        var weights = WeightSplit.ToHundred([.. local.Select(l => l.Weight)]);
        return new JsonArray([.. local.Select((l, i) => (JsonNode)new JsonObject { ["virtualNode"] = l.Node, ["weight"] = weights[i] })]);
    }

    private static JsonObject Match(RouteMatch match)
    {
        var json = new JsonObject();
        switch (match.Path)
        {
            case { Kind: PathMatchKind.Exact } path:
                json["path"] = new JsonObject { ["exact"] = path.Value };
                break;
            case { Kind: PathMatchKind.Regex } path:
                json["path"] = new JsonObject { ["regex"] = path.Value };
                break;
            default:
                json["prefix"] = match.Path?.Value ?? "/";
                break;
        }
        if (match.Method is { } method)
            json["method"] = method;
        if (match.Headers.Count > 0)
            json["headers"] = new JsonArray([.. match.Headers.Select(h => (JsonNode)Header(h))]);
        if (match.QueryParams.Count > 0)
        {
            // Validation guarantees exact matches only (App Mesh's one kind of query match).
            json["queryParameters"] = new JsonArray([.. match.QueryParams.Select(q => (JsonNode)new JsonObject
            {
                ["name"] = q.Name,
                ["match"] = new JsonObject { ["exact"] = q.Match.Value },
            })]);
        }
        return json;
    }

    private static JsonObject Header(HeaderMatch header)
    {
        var json = new JsonObject { ["name"] = header.Name, ["invert"] = false };
        if (header.Match.Kind != StringMatchKind.Present) // no match method: the header need only be present
            json["match"] = new JsonObject { [WireNames<StringMatchKind>.Of(header.Match.Kind)] = header.Match.Value };
        return json;
    }

    private static JsonObject? RetryPolicy(AppMeshContext context, Service service, Route route)
    {
        if ((route.Retries ?? service.Traffic.Retries) is not { Attempts: > 0 } retries)
            return null;
        var http = new JsonArray();
        var tcp = new JsonArray();
        foreach (var condition in retries.On)
        {
            switch (condition)
            {
                case RetryCondition.ServerError: http.Add("server-error"); break;
                case RetryCondition.GatewayError: http.Add("gateway-error"); break;
                case RetryCondition.Retriable4xx: http.Add("client-error"); break;
                case RetryCondition.RefusedStream: http.Add("stream-error"); break;
                case RetryCondition.Reset or RetryCondition.ConnectFailure:
                    if (tcp.Count == 0)
                        tcp.Add("connection-error");
                    break;
                default:
                    context.Warn(service, "retries.on",
                        $"'{WireNames<RetryCondition>.Of(condition)}' is a gRPC status that App Mesh's http2 routes cannot retry on; the meshfed gateway retries it for cross-site traffic");
                    break;
            }
        }
        if (http.Count == 0 && tcp.Count == 0)
            return null;
        // App Mesh requires a per-retry timeout: without one in the manifest, each try may take the whole timeout.
        var perTry = retries.PerTryTimeout ?? route.Timeout ?? service.Traffic.Timeout ?? TimeSpan.FromSeconds(15);
        var policy = new JsonObject { ["maxRetries"] = retries.Attempts, ["perRetryTimeout"] = AppMeshValues.Duration(perTry) };
        if (http.Count > 0)
            policy["httpRetryEvents"] = http;
        if (tcp.Count > 0)
            policy["tcpRetryEvents"] = tcp;
        return policy;
    }
}
