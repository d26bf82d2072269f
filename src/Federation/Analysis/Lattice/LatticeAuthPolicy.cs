using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice.Api;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// Whether a Lattice auth policy lets the meshfed gateway's role in, evaluated as IAM evaluates a resource
/// policy ("How authorization works", docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html): an explicit
/// Deny that matches wins, else some Allow must match. The gateway is known by its principal tags (from the
/// site's Terraform inputs: the module puts them on the gateway's role) and as an authenticated role session
/// (<c>aws:PrincipalType</c> <c>AssumedRole</c>). Conditions on the request (method, path, headers) are
/// satisfiable by some request, so they do not refuse the gateway as a whole; conditions on keys the analysis
/// cannot know (an account, an ARN) are given the benefit of the doubt, so no refusal is made up.
/// </summary>
internal static class LatticeAuthPolicy
{
    private const string PrincipalTagPrefix = "aws:PrincipalTag/";
    private const string PrincipalTypeKey = "aws:PrincipalType";
    private const string GatewayPrincipalType = "AssumedRole";

    /// <summary>The verdict on <paramref name="policyJson"/> for a principal with <paramref name="tags"/>: null when it admits, else why not.</summary>
    public static string? Refusal(string policyJson, IReadOnlyDictionary<string, string> tags)
    {
        AuthPolicyDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(policyJson, AuthPolicyJsonContext.Default.AuthPolicyDocument);
        }
        catch (JsonException e)
        {
            return $"the policy is not an IAM policy document meshfed can read ({e.Message})";
        }
        if (document is null || document.Statement.Count == 0)
            return "the policy has no statement, so every request is denied";
        var invokes = document.Statement.Where(s => IsInvoke(s.Action) && s.Principal == "*").ToList();
        if (invokes.FirstOrDefault(s => s.Effect == "Deny" && s.Condition.All(c => c.Value.All(k => Certain(c.Key, k.Key, k.Value, tags)))) is { } deny)
            return $"statement '{deny.Sid}' denies it";
        if (!invokes.Any(s => s.Effect == "Allow" && s.Condition.All(c => c.Value.All(k => Possible(c.Key, k.Key, k.Value, tags)))))
            return $"no Allow statement matches a principal tagged {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}";
        return null;
    }

    private static bool IsInvoke(string action) => action is "*" or "vpc-lattice-svcs:*" or "vpc-lattice-svcs:Invoke";

    // True when the condition holds for every request the gateway sends: only principal keys are certain.
    private static bool Certain(string op, string key, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> tags) =>
        IsPrincipalKey(key, tags, out var value) && Holds(op, value, values);

    // True when the condition holds for some request the gateway sends.
    private static bool Possible(string op, string key, IReadOnlyList<string> values, IReadOnlyDictionary<string, string> tags) =>
        !IsPrincipalKey(key, tags, out var value) || Holds(op, value, values);

    // True for a key about the principal, with the gateway's value (null: it has none); false for request keys and
    // keys the analysis cannot see.
    private static bool IsPrincipalKey(string key, IReadOnlyDictionary<string, string> tags, out string? value)
    {
        value = null;
        if (key.StartsWith(PrincipalTagPrefix, StringComparison.OrdinalIgnoreCase))
        {
            value = tags.GetValueOrDefault(key[PrincipalTagPrefix.Length..]);
            return true;
        }
        if (string.Equals(key, PrincipalTypeKey, StringComparison.OrdinalIgnoreCase))
        {
            value = GatewayPrincipalType;
            return true;
        }
        return false;
    }

    // IAM string condition operators ("IAM JSON policy elements: Condition operators", String condition operators);
    // a missing key satisfies only the negated ones.
    private static bool Holds(string op, string? value, IReadOnlyList<string> values)
    {
        var negated = op.StartsWith("StringNot", StringComparison.Ordinal);
        if (value is null)
            return negated;
        var comparison = op.EndsWith("IgnoreCase", StringComparison.Ordinal) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var like = op.Contains("Like", StringComparison.Ordinal);
        var any = values.Any(v => like ? Wildcard(v, value) : string.Equals(v, value, comparison));
        return op.StartsWith("String", StringComparison.Ordinal) ? any != negated : true;
    }

    // StringLike: '*' any run, '?' one character.
    private static bool Wildcard(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}
