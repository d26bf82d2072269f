using System.Text.RegularExpressions;
using MeshFed.Model.Binding;
using MeshFed.Model.Binding.Shapes;

namespace MeshFed.Model.Tests.Schema;

/// <summary>
/// Each JSON Schema pattern the field tables publish accepts exactly what the loader's check accepts, on
/// hand-picked edge cases and a few thousand generated strings over the characters the rules care about.
/// A match is a whole-string match, as in ECMAScript (.NET's '$' would also match before a final newline).
/// </summary>
public class PatternAgreementTests
{
    private const string Alphabet = "abcz0129-._/*:!#~AZ \né";

    public static TheoryData<string> Rules() => ["dns-label", "version-label", "network-name", "header-name", "trust-domain", "spiffe-id", "principal", "allowed-path", "export-to", "iam-role-arn"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Pattern_AcceptsWhatTheLoadersCheckAccepts(string rule)
    {
        var (pattern, maxLength, check) = Rule(rule);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);

        var disagreements = Samples()
            .Where(s => (Matches(regex, s) && s.Length <= maxLength) != check(s))
            .Select(s => $"'{s.Replace("\n", "\\n")}': the loader {(check(s) ? "accepts" : "rejects")} it, the pattern does not")
            .Take(10)
            .ToList();

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    // The schema takes a duration's shape; the loader also refuses what no target can express (more than
    // 365 days, finer than a millisecond). So the loader is the stricter one, never the looser.
    [Fact]
    public void DurationPattern_AcceptsEveryDurationTheLoaderAccepts()
    {
        var shape = new Regex(DurationText.Pattern);
        var zero = new Regex(DurationText.ZeroPattern);
        var samples = Samples("0123456789.mshd").Concat(["250ms", "1m30s", "1.5h", "0s", "0.0ms", "00s", "1ns", "1.5ms", "8760h", "8761h", "10"]);

        var missed = samples.Where(s => DurationText.TryParse(s, out _, out _) && !(Matches(shape, s) && !Matches(zero, s))).ToList();

        Assert.True(missed.Count == 0, string.Join(", ", missed));
        Assert.False(Matches(shape, "10") && !Matches(zero, "10"));
        Assert.True(Matches(zero, "0.0ms"));
    }

    private static (string Pattern, int MaxLength, Func<string, bool> Check) Rule(string rule) => rule switch
    {
        "dns-label" => (LabelRule.Name.Pattern, int.MaxValue, Names.IsDnsLabel),
        "version-label" => (LabelRule.Version.Pattern, int.MaxValue, Names.IsVersionLabel),
        "network-name" => (LabelRule.Network.Pattern, int.MaxValue, Names.IsNetworkName),
        "header-name" => (RouteBinder.HeaderName.Pattern!, RouteBinder.HeaderName.MaxLength!.Value, HttpNames.IsHeaderName),
        "trust-domain" => (TrustDomains.Pattern, TrustDomains.MaxLength, TrustDomains.IsValid),
        // '.' and '..' segments and IDs over 2048 characters are refused by the loader only (the schema's
        // pattern would not be readable); the samples hold none of them.
        "spiffe-id" => (TrustDomains.IdPattern, int.MaxValue, s => TrustDomains.TryParseId(s, out _, out _)),
        "principal" => (SecurityBinder.PrincipalPattern, int.MaxValue, s => s.StartsWith("spiffe://", StringComparison.Ordinal)
            ? TrustDomains.TryParseId(s, out _, out _) : SecurityBinder.IsServicePrincipal(s)),
        "allowed-path" => (SecurityBinder.AllowedPathPattern, int.MaxValue, SecurityBinder.IsPathPattern),
        "export-to" => (((TextRule)((ListRule)ServiceBinder.Shape["exportTo"].Rule).Item).Pattern!, int.MaxValue,
            s => s == ServiceBinder.ExportAll || Names.IsDnsLabel(s)),
        "iam-role-arn" => (IamRoleArn.Pattern, int.MaxValue, s => IamRoleArn.TryParse(s) is not null),
        _ => throw new ArgumentException(rule),
    };

    private static bool Matches(Regex regex, string value) => regex.Match(value) is { Success: true } m && m.Index == 0 && m.Length == value.Length;

    private static IEnumerable<string> Samples(string alphabet = Alphabet)
    {
        string[] edges =
        [
            "", "a", "1", "-", "a-", "-a", "a-b", "1a", "a1", "A", "a_b", "a.b", ".a", "a.", "*", "**", "/", "/*", "*/", "/a*", "*.json",
            "/a*b", "a/b", "a/b/c", "ns/name", "spiffe://", "spiffe://td", "spiffe://td/", "spiffe://td/a/b", "spiffe://TD/a",
            "spiffe://td//a", "spiffe://t_d/A.b-c", "x-canary", "X-Canary", "abc\n", new('a', 63), new('a', 64), new('a', 255),
            new('a', 256), new('a', 257), "a" + new string('-', 61) + "a", "spiffe://" + new string('a', 255), "spiffe://" + new string('a', 256),
        ];
        var random = new Random(20261202);
        var generated = Enumerable.Range(0, 4000).Select(_ =>
        {
            var length = random.Next(0, 12);
            var text = new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            return random.Next(4) == 0 ? "spiffe://" + text : text;
        });
        // Dot segments are the loader's alone (see Rule).
        return edges.Concat(generated).Where(s => !Regex.IsMatch(s, @"(^|/)\.\.?(/|$)") || !s.StartsWith("spiffe://", StringComparison.Ordinal));
    }
}
