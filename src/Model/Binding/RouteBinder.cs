using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>traffic.routes[]</c>: match conditions and weighted targets.</summary>
internal static class RouteBinder
{
    public static readonly string[] Fields = ["name", "match", "to", "timeout", "retries"];
    public static readonly string[] MatchFields = ["pathPrefix", "path", "pathRegex", "method", "headers", "queryParams"];
    public static readonly string[] TargetFields = ["version", "site", "weight"];
    public static readonly string[] StringMatchFields = ["exact", "prefix", "suffix", "regex", "present"];

    public static Route? Bind(BindContext context, ManifestNode node, string path)
    {
        var route = ObjectReader.Open(context, node, path, "a route", Fields);
        if (route is null)
            return null;
        var name = route.Name("name");
        var match = route.Object("match", BindMatch) ?? RouteMatch.Any;
        // A single target takes everything; in a split every target must say its share.
        var single = route.Node("to") is SequenceNode { Items.Count: 1 };
        var to = route.List("to", (c, n, p) => BindTarget(c, n, p, single), required: true, nonEmpty: true);
        var timeout = route.Duration("timeout");
        var retries = route.Object("retries", TrafficBinder.BindRetries);
        return new Route
        {
            Name = name ?? $"route-{Math.Max(0, ManifestPath.LastIndex(path))}",
            Match = match,
            To = to,
            Timeout = timeout,
            Retries = retries,
        };
    }

    private static RouteMatch? BindMatch(BindContext context, ManifestNode node, string path)
    {
        var match = ObjectReader.Open(context, node, path, "a route match", MatchFields);
        if (match is null)
            return null;
        var pathFields = new[] { "path", "pathPrefix", "pathRegex" }.Where(match.Has).ToList();
        if (pathFields.Count > 1)
        {
            context.Error(DiagnosticCodes.WrongType, match.FieldPath(pathFields[1]), match.Node(pathFields[1])!.Location,
                $"a match takes one of path, pathPrefix, pathRegex; this one has {string.Join(" and ", pathFields)}",
                "Keep one, or split the match into two routes.");
        }
        PathMatch? pathMatch = null;
        if (pathFields.Count >= 1)
        {
            var kind = pathFields[0] switch { "path" => PathMatchKind.Exact, "pathPrefix" => PathMatchKind.Prefix, _ => PathMatchKind.Regex };
            var value = match.String(pathFields[0]);
            if (value is not null && kind != PathMatchKind.Regex && !value.StartsWith('/'))
            {
                context.Error(DiagnosticCodes.InvalidValue, match.FieldPath(pathFields[0]), match.Node(pathFields[0])!.Location,
                    $"'{Scalars.Truncate(value)}' does not start with '/'", $"Write the path as '/{value.TrimStart('/')}'.");
            }
            else if (value is not null)
                pathMatch = new PathMatch { Kind = kind, Value = value };
        }
        var method = match.Node("method") is { } methodNode ? BindMethod(context, methodNode, match.FieldPath("method")) : null;
        return new RouteMatch
        {
            Path = pathMatch,
            Method = method,
            Headers = BindNamedMatches(match, "headers", isHeader: true),
            QueryParams = BindNamedMatches(match, "queryParams", isHeader: false),
        };
    }

    public static string? BindMethod(BindContext context, ManifestNode node, string path)
    {
        var method = Scalars.String(context, node, path);
        if (method is null || HttpNames.Methods.Contains(method))
            return method;
        context.Error(DiagnosticCodes.InvalidEnum, path, node.Location, $"'{Scalars.Truncate(method)}' is not an HTTP method",
            HttpNames.Methods.Contains(method.ToUpperInvariant()) ? $"Write it in upper case: {method.ToUpperInvariant()}." : Suggestions.Hint(method, [.. HttpNames.Methods], "methods"));
        return null;
    }

    private static IReadOnlyList<HeaderMatch> BindNamedMatches(ObjectReader match, string key, bool isHeader)
    {
        var node = match.Node(key);
        if (node is null)
            return [];
        var path = match.FieldPath(key);
        if (node is not MappingNode mapping)
        {
            match.Context.Error(DiagnosticCodes.WrongType, path, node.Location, $"'{key}' must be a mapping of name: condition, got {node.Describe()}",
                $"Write e.g. '{key}: {{ x-canary: {{ exact: \"true\" }} }}'.");
            return [];
        }
        var result = new List<HeaderMatch>(mapping.Entries.Count);
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            var entryPath = ManifestPath.Field(path, name);
            if (isHeader && !HttpNames.IsHeaderName(name))
            {
                match.Context.Error(DiagnosticCodes.InvalidValue, entryPath, entry.Key.Location, $"'{Scalars.Truncate(name)}' is not a lowercase header name",
                    HttpNames.HeaderHint);
                continue;
            }
            var condition = BindStringMatch(match.Context, entry.Value, entryPath);
            if (condition is not null)
                result.Add(new HeaderMatch { Name = name, Match = condition });
        }
        return result;
    }

    /// <summary>A condition: a plain string means exact; otherwise one of exact/prefix/suffix/regex/present.</summary>
    public static StringMatch? BindStringMatch(BindContext context, ManifestNode node, string path)
    {
        if (node is ScalarNode)
        {
            var exact = Scalars.String(context, node, path);
            return exact is null ? null : new StringMatch { Kind = StringMatchKind.Exact, Value = exact };
        }
        var condition = ObjectReader.Open(context, node, path, "a match condition", StringMatchFields);
        if (condition is null)
            return null;
        var given = StringMatchFields.Where(condition.Has).ToList();
        if (given.Count != 1)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location,
                given.Count == 0 ? "the condition is empty" : $"the condition has {string.Join(" and ", given)}",
                "Give exactly one of exact, prefix, suffix, regex, present.");
            return null;
        }
        if (given[0] == "present")
        {
            var present = condition.Bool("present");
            if (present == false)
            {
                context.Error(DiagnosticCodes.InvalidValue, condition.FieldPath("present"), condition.Node("present")!.Location,
                    "'present: false' is not supported", "Match on presence with 'present: true'; to match absence, order a more specific route first.");
                return null;
            }
            return present is null ? null : new StringMatch { Kind = StringMatchKind.Present, Value = "" };
        }
        var value = condition.String(given[0]);
        if (value is null)
            return null;
        WireNames<StringMatchKind>.TryParse(given[0], out var kind);
        return new StringMatch { Kind = kind, Value = value };
    }

    private static RouteTarget? BindTarget(BindContext context, ManifestNode node, string path, bool single)
    {
        var target = ObjectReader.Open(context, node, path, "a route target", TargetFields);
        if (target is null)
            return null;
        var version = target.Version("version", required: true);
        var site = target.Name("site");
        var weight = single && !target.Has("weight")
            ? 100
            : target.Int("weight", 0, 100, required: true);
        return version is null || weight is null ? null : new RouteTarget { Version = version, Site = site, Weight = weight.Value };
    }
}
