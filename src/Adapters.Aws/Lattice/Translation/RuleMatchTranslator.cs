using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;
using ModelHeaderMatch = MeshFed.Model.HeaderMatch;
using ModelPathMatch = MeshFed.Model.PathMatch;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// A route's match as a Lattice rule match (HttpMatch: an exact method, an exact or prefix path of at most 200
/// characters, at most 5 header matches by exact, prefix or contains; Smithy model and "Listener rules for your VPC
/// Lattice service", docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html). What Lattice cannot match —
/// regex paths, suffix/regex/presence header matches, query parameters, more than five headers — is refused with the
/// reason: the caller says what that means for the traffic.
/// </summary>
internal static class RuleMatchTranslator
{
    public static HttpMatch? Translate(RouteMatch match, out string? refusal)
    {
        refusal = null;
        if (match.QueryParams.Count > 0)
        {
            refusal = "Lattice rules cannot match query parameters";
            return null;
        }
        if (match.Headers.Count > LatticeLimits.MaxHeaderMatches)
        {
            refusal = $"it matches {match.Headers.Count} headers and a Lattice rule at most {LatticeLimits.MaxHeaderMatches}";
            return null;
        }
        var path = match.Path is { } p ? Path(p, out refusal) : null;
        if (refusal is not null)
            return null;
        var headers = new List<Api.HeaderMatch>();
        foreach (var header in match.Headers)
        {
            if (Header(header, out refusal) is not { } translated)
                return null;
            headers.Add(translated);
        }
        return new HttpMatch { Method = match.Method, PathMatch = path, HeaderMatches = headers.Count > 0 ? headers : null };
    }

    private static Api.PathMatch? Path(ModelPathMatch path, out string? refusal)
    {
        refusal = null;
        if (path.Kind == PathMatchKind.Regex)
        {
            refusal = $"Lattice rules match paths exactly or by prefix, not by regex '{path.Value}'";
            return null;
        }
        if (path.Value.Length > LatticeLimits.MaxPathLength || !path.Value.StartsWith('/') || !path.Value.All(LatticeLimits.IsPathCharacter))
        {
            refusal = $"a Lattice path match is '/' and at most {LatticeLimits.MaxPathLength} of the characters a-z A-Z 0-9 @:%_+.~#?&/=- ('{path.Value}' is not)";
            return null;
        }
        var type = path.Kind == PathMatchKind.Exact ? new PathMatchType { Exact = path.Value } : new PathMatchType { Prefix = path.Value };
        return new Api.PathMatch(type, CaseSensitive: true);
    }

    private static Api.HeaderMatch? Header(ModelHeaderMatch header, out string? refusal)
    {
        refusal = null;
        var value = header.Match.Value;
        HeaderMatchType? type = header.Match.Kind switch
        {
            StringMatchKind.Exact => new HeaderMatchType { Exact = value },
            StringMatchKind.Prefix => new HeaderMatchType { Prefix = value },
            _ => null,
        };
        if (type is null)
        {
            refusal = $"Lattice matches headers by exact, prefix or contains, not by {WireNames<StringMatchKind>.Of(header.Match.Kind)} (header '{header.Name}')";
            return null;
        }
        if (value.Length is 0 or > LatticeLimits.MaxHeaderValueLength)
        {
            refusal = $"a Lattice header match value is 1–{LatticeLimits.MaxHeaderValueLength} characters (header '{header.Name}')";
            return null;
        }
        return new Api.HeaderMatch(header.Name, type, CaseSensitive: true);
    }
}
