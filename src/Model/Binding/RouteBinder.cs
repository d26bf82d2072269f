using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>traffic.routes[]</c>: match conditions and weighted targets.</summary>
internal static class RouteBinder
{
    /// <summary>A path condition's value (not a regex) starts with '/'.</summary>
    public const string AbsolutePathPattern = "^/";

    /// <summary>A header name as <see cref="HttpNames.IsHeaderName"/> accepts it.</summary>
    public static readonly TextRule HeaderName = new(HttpNames.HeaderNamePattern, MaxLength: HttpNames.MaxHeaderNameLength);

    public static readonly ObjectShape StringMatchShape = new("stringMatch", "a match condition",
    [
        Field.Optional("exact", TextRule.Any),
        Field.Optional("prefix", TextRule.Any),
        Field.Optional("suffix", TextRule.Any),
        Field.Optional("regex", TextRule.Any, "RE2 over the whole value."),
        Field.Optional("present", FlagRule.True),
    ])
    {
        ExactlyOneField = true,
        Shorthand = (TextRule.Any, "Shorthand for { exact: value }."),
    };

    public static readonly ObjectShape MatchShape = new("match", "a route match",
    [
        Field.Optional("pathPrefix", new TextRule(AbsolutePathPattern)),
        Field.Optional("path", new TextRule(AbsolutePathPattern)),
        Field.Optional("pathRegex", TextRule.Any, "RE2 over the whole path."),
        Field.Optional("method", WordRule.HttpMethod),
        Field.Optional("headers", new MapRule(StringMatchShape, HeaderName), "Lowercase header name: condition."),
        Field.Optional("queryParams", new MapRule(StringMatchShape)),
    ])
    {
        Description = "All given conditions must hold; at most one of path, pathPrefix, pathRegex.",
        AtMostOneOf = ["path", "pathPrefix", "pathRegex"],
    };

    public static readonly ObjectShape TargetShape = new("target", "a route target",
    [
        Field.Required("version", LabelRule.Version),
        Field.Optional("site", LabelRule.Name, "Pins the share to one site."),
        Field.Optional("weight", new WholeNumberRule(0, RouteTarget.FullWeight), "Percent; required when a route has several targets."),
    ]);

    public static readonly ObjectShape Shape = new("route", "a route",
    [
        Field.Optional("name", LabelRule.Name, "Route name (default route-N)."),
        Field.Optional("match", MatchShape),
        Field.Required("to", new ListRule(TargetShape) { MinItems = 1, RequiredWhenSeveral = "weight" }, "Weighted targets; weights sum to 100."),
        Field.Optional("timeout", DurationRule.Instance),
        Field.Optional("retries", RetryBinder.Shape),
    ])
    {
        Description = "First match wins.",
    };

    public static Route? Bind(BindContext context, ManifestNode node, string path)
    {
        var route = ObjectReader.Open(context, node, path, Shape);
        if (route is null)
            return null;
        var name = route.Label("name");
        var match = route.Object("match", BindMatch) ?? RouteMatch.Any;
        // A single target takes everything; in a split every target must say its share.
        var single = route.Node("to") is SequenceNode { Items.Count: 1 };
        var to = route.List("to", (c, n, p) => BindTarget(c, n, p, single));
        var timeout = route.Duration("timeout");
        var retries = route.Object("retries", RetryBinder.Bind);
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
        var match = ObjectReader.Open(context, node, path, MatchShape);
        if (match is null)
            return null;
        var pathFields = match.Given(MatchShape.AtMostOneOf);
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
        var condition = ObjectReader.Open(context, node, path, StringMatchShape);
        if (condition is null)
            return null;
        var given = condition.Given(StringMatchShape.Names);
        if (given.Count != 1)
        {
            context.Error(DiagnosticCodes.WrongType, path, node.Location,
                given.Count == 0 ? "the condition is empty" : $"the condition has {string.Join(" and ", given)}",
                "Give exactly one of exact, prefix, suffix, regex, present.");
            return null;
        }
        if (given[0] == "present")
        {
            var present = condition.Marker("present", "Match on presence with 'present: true'; to match absence, order a more specific route first.");
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
        var target = ObjectReader.Open(context, node, path, TargetShape);
        if (target is null)
            return null;
        var version = target.Label("version");
        var site = target.Label("site");
        var weight = single && !target.Has("weight")
            ? RouteTarget.FullWeight
            : target.Int("weight", requiredHere: true);
        return version is null || weight is null ? null : new RouteTarget { Version = version, Site = site, Weight = weight.Value };
    }
}
