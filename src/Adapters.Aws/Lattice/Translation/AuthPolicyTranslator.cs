using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// A service's allow rules as a Lattice auth policy (IAM policy document on the service, authType AWS_IAM;
/// docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html). Callers are IAM principals: a caller that runs on
/// this site is the ARN of the role its deployments here declare (<c>aws:PrincipalArn</c>, <see cref="LatticeRoles"/>),
/// or, for deployments that declare none, its role's tag (<see cref="LatticeAddressing.ServicePrincipalTagKey"/>); a
/// caller that runs elsewhere, or a SPIFFE ID outside this site's mesh, arrives through the meshfed gateway, whose
/// role (<see cref="LatticeAddressing.GatewayPrincipalTagKey"/>) every served service admits because the gateway
/// checks the SPIFFE allow rules before it delivers. Methods become <c>vpc-lattice-svcs:RequestMethod</c>; paths the
/// request path in the resource ARN (<c>arn:…:service/&lt;id&gt;/&lt;path&gt;</c>, Service Authorization Reference,
/// "Resource types defined by Amazon VPC Lattice Services"), with Istio's one leading or trailing <c>*</c> kept as an
/// IAM wildcard.
/// </summary>
internal static class AuthPolicyTranslator
{
    // The service id is "svc-" and 17 characters: '?' keeps the wildcard inside that one segment, so the path
    // part cannot be absorbed by it (a '*' there would let "/x/admin" match a rule for "/admin").
    private static readonly AuthPolicyJsonContext s_json = new(new JsonSerializerOptions(AuthPolicyJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private const string AnyServiceOfThisPolicy = "arn:*:vpc-lattice:*:*:service/svc-?????????????????";

    public static PutAuthPolicyInput Translate(LatticeContext context, Service service, string serviceName)
    {
        var statements = new List<AuthPolicyStatement>();
        var rules = service.Security.Allow;
        if (rules.Count == 0)
        {
            // No rules: every caller that authenticates is allowed, as every mTLS caller is in the manifest;
            // anonymous (unsigned) requests are not ("Anonymous (unauthenticated) principals", auth-policies.html).
            statements.Add(Statement("AuthenticatedCallers", ["*"], Authenticated()));
        }
        for (var i = 0; i < rules.Count; i++)
            statements.AddRange(RuleStatements(context, service, rules[i], i));
        if (rules.Count > 0 && context.View.ServedToOtherSites(service))
        {
            statements.Add(Statement("MeshfedGateway", ["*"], Condition("StringEquals",
                $"aws:PrincipalTag/{LatticeAddressing.GatewayPrincipalTagKey}", [LatticeAddressing.GatewayPrincipalTagValue(context.Mesh, context.Site)])));
        }
        var policy = JsonSerializer.Serialize(new AuthPolicyDocument { Statement = statements }, s_json.AuthPolicyDocument);
        if (System.Text.Encoding.UTF8.GetByteCount(policy) > LatticeLimits.AuthPolicyBytes)
        {
            context.Error(service, ".security.allow", LatticeContext.FallbackPath(service),
                $"the Lattice auth policy of service '{service.Name}' would be {System.Text.Encoding.UTF8.GetByteCount(policy)} bytes; Lattice takes at most {LatticeLimits.AuthPolicyBytes} (quota 'Auth policy size', not adjustable)",
                "Merge allow rules with the same callers, or allow whole path prefixes instead of many paths.");
        }
        return new PutAuthPolicyInput { ResourceIdentifier = LatticeRefs.Service(serviceName), Policy = policy };
    }

    private static IEnumerable<AuthPolicyStatement> RuleStatements(LatticeContext context, Service service, AllowRule rule, int index)
    {
        var resources = rule.Paths.Count == 0 ? ["*"] : rule.Paths.Select(p => $"{AnyServiceOfThisPolicy}/{p.TrimStart('/')}").ToList();
        var tagged = new List<string>();
        var roles = new List<string>();
        var anyCaller = rule.From.Count == 0;
        foreach (var caller in rule.From)
        {
            if (context.View.LocalCaller(service, caller) is { } local)
            {
                // Its declared roles by ARN; its deployments here without one by principal tag.
                roles.AddRange(context.Roles.RolesOf(local).Select(r => r.Arn));
                if (local.Deployments.Any(d => d.Site == context.Site.Name && d.Aws is null))
                    tagged.Add(LatticeAddressing.ServicePrincipalTagValue(local.Namespace, local.Name));
            }
            else if (!context.View.ServedToOtherSites(service))
                context.Warn(service, "security.allow",
                    $"caller '{caller}' runs on no other site that could call through the meshfed gateway and is not a workload of this site: the Lattice auth policy admits no principal for it");
        }
        if (anyCaller)
        {
            yield return Statement($"Allow{index}", resources, Merge(Authenticated(), Methods(rule)));
            yield break;
        }
        if (tagged.Count > 0)
        {
            var principals = Condition("StringEquals", $"aws:PrincipalTag/{LatticeAddressing.ServicePrincipalTagKey}", [.. tagged.Distinct(StringComparer.Ordinal)]);
            yield return Statement($"Allow{index}", resources, Merge(principals, Methods(rule)));
        }
        if (roles.Count > 0)
        {
            // aws:PrincipalArn is the role's ARN (not the session's) for a caller with temporary role credentials
            // ("Condition keys that can be used in auth policies", auth-policies.html; IAM global condition keys,
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
            var principals = Condition("StringEquals", "aws:PrincipalArn", [.. roles.Distinct(StringComparer.Ordinal)]);
            yield return Statement($"Allow{index}Roles", resources, Merge(principals, Methods(rule)));
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Authenticated() =>
        Condition("StringNotEqualsIgnoreCase", "aws:PrincipalType", ["anonymous"]);

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Methods(AllowRule rule) =>
        rule.Methods.Count == 0 ? [] : Condition("StringEquals", "vpc-lattice-svcs:RequestMethod", rule.Methods);

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Condition(string op, string key, IReadOnlyList<string> values) =>
        new(StringComparer.Ordinal) { [op] = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [key] = values } };

    /// <summary>
    /// Both sets of conditions, all of which must hold: operators shared by both keep every key of each (IAM ANDs the
    /// keys of one operator), so a method condition never replaces the principal condition under the same operator.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Merge(
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> first,
        Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> second)
    {
        foreach (var (op, keys) in second)
        {
            var merged = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (first.TryGetValue(op, out var existing))
            {
                foreach (var (key, values) in existing)
                    merged[key] = values;
            }
            foreach (var (key, values) in keys)
            {
                if (merged.ContainsKey(key))
                    throw new InvalidOperationException($"condition {op} {key} given twice");
                merged[key] = values;
            }
            first[op] = merged;
        }
        return first;
    }

    private static AuthPolicyStatement Statement(string sid, IReadOnlyList<string> resources, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> condition) =>
        new()
        {
            Sid = sid,
            Resource = resources,
            Condition = new SortedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(condition.ToDictionary(), StringComparer.Ordinal),
        };
}
