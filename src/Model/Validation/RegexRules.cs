using System.Text.RegularExpressions;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>
/// Regular expressions in routes must compile and stay within RE2, the engine Envoy uses in both Istio and
/// App Mesh: no lookaround, backreferences or atomic groups. .NET would accept them and the mesh would not.
/// </summary>
internal static partial class RegexRules
{
    public static void Check(ValidationContext context, Service service)
    {
        foreach (var route in service.Traffic.Routes)
        {
            var path = context.Sources.PathOf(route) + ".match";
            if (route.Match.Path is { Kind: PathMatchKind.Regex } pathMatch)
                CheckOne(context, pathMatch.Value, path + ".pathRegex");
            foreach (var header in route.Match.Headers.Where(h => h.Match.Kind == StringMatchKind.Regex))
                CheckOne(context, header.Match.Value, $"{path}.headers.{header.Name}");
            foreach (var query in route.Match.QueryParams.Where(h => h.Match.Kind == StringMatchKind.Regex))
                CheckOne(context, query.Match.Value, $"{path}.queryParams.{query.Name}");
        }
    }

    private static void CheckOne(ValidationContext context, string pattern, string path)
    {
        if (pattern.Length > 1024)
        {
            context.Error(DiagnosticCodes.InvalidValue, path, "the regular expression is longer than 1024 characters",
                "Envoy limits regex program size; simplify the pattern.");
            return;
        }
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            context.Error(DiagnosticCodes.InvalidValue, path, $"'{pattern}' is not a regular expression: {e.Message}",
                "Fix the pattern (RE2 syntax, matched against the whole value).");
            return;
        }
        var unsupported = NotRe2().Match(pattern);
        if (unsupported.Success)
        {
            context.Error(DiagnosticCodes.InvalidValue, path, $"'{pattern}' uses '{unsupported.Value}', which RE2 (Envoy's regex engine) does not support",
                "Rewrite without lookaround, backreferences or atomic groups; split into several routes if needed.");
        }
    }

    [GeneratedRegex(@"\(\?<?[=!]|\(\?>|\\[1-9]|\\k<", RegexOptions.CultureInvariant)]
    private static partial Regex NotRe2();
}
