using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>security</c>: mTLS mode, allow rules and JWT.</summary>
internal static class SecurityBinder
{
    /// <summary>
    /// The JSON Schema pattern equivalent to <see cref="IsPathPattern"/>: '*', an exact path, a prefix
    /// (<c>/api/*</c>) or a suffix (<c>*.json</c>).
    /// </summary>
    public const string AllowedPathPattern = "^(\\*|/[^*]*|/[^*]*\\*|\\*[^*]+)$";

    /// <summary>The JSON Schema pattern equivalent to <see cref="BindPrincipal"/>: a SPIFFE ID (<see cref="TrustDomains.IdPattern"/>) or a service (<see cref="IsServicePrincipal"/>).</summary>
    public static readonly string PrincipalPattern = Patterns.Either(TrustDomains.IdPattern,
        $"^{Patterns.Unanchored(Names.DnsLabelPattern)}(/{Patterns.Unanchored(Names.DnsLabelPattern)})?$");

    /// <summary>The scheme a JWKS URI must have: signing keys come over TLS only.</summary>
    public const string JwksUriPattern = "^https://";

    public static readonly ObjectShape AllowShape = new("allowRule", "an allow rule",
    [
        Field.Optional("from", new ListRule(new TextRule(PrincipalPattern)), "Service names (name or namespace/name) or SPIFFE IDs."),
        Field.Optional("methods", new ListRule(WordRule.HttpMethod)),
        Field.Optional("paths", new ListRule(new TextRule(AllowedPathPattern)), "Exact, prefix (/api/*) or suffix (*.json)."),
    ]);

    public static readonly ObjectShape JwtShape = new("jwt", "a JWT policy",
    [
        Field.Required("issuer", TextRule.NotEmpty),
        Field.Required("jwksUri", new TextRule(JwksUriPattern)),
        Field.Optional("audiences", new ListRule(TextRule.Any)),
        Field.Optional("required", FlagRule.Any),
    ]);

    public static readonly ObjectShape Shape = new("security", "security",
    [
        Field.Optional("mtls", WordRule.Of<MtlsMode>()),
        Field.Optional("allow", new ListRule(AllowShape)),
        Field.Optional("jwt", JwtShape),
    ]);

    public static SecurityPolicy? Bind(BindContext context, ManifestNode node, string path)
    {
        var security = ObjectReader.Open(context, node, path, Shape);
        if (security is null)
            return null;
        return new SecurityPolicy
        {
            Mtls = security.Enum<MtlsMode>("mtls") ?? MtlsMode.Strict,
            Allow = security.List("allow", BindAllow),
            Jwt = security.Object("jwt", BindJwt),
        };
    }

    private static AllowRule? BindAllow(BindContext context, ManifestNode node, string path)
    {
        var rule = ObjectReader.Open(context, node, path, AllowShape);
        if (rule is null)
            return null;
        return new AllowRule
        {
            From = rule.List("from", BindPrincipal),
            Methods = rule.List("methods", RouteBinder.BindMethod),
            Paths = rule.List("paths", BindPathPattern),
        };
    }

    private static string? BindPrincipal(BindContext context, ManifestNode node, string path)
    {
        var text = Scalars.String(context, node, path);
        if (text is null)
            return null;
        if (text.StartsWith("spiffe://", StringComparison.Ordinal))
        {
            if (TrustDomains.TryParseId(text, out _, out _))
                return text;
            context.Error(DiagnosticCodes.InvalidValue, path, node.Location, $"'{Scalars.Truncate(text)}' is not a valid SPIFFE ID",
                "Write spiffe://<trust-domain>/<path>, e.g. spiffe://shop.example/ns/shop/sa/frontend.");
            return null;
        }
        if (IsServicePrincipal(text))
            return text;
        context.Error(DiagnosticCodes.InvalidValue, path, node.Location, $"'{Scalars.Truncate(text)}' is neither a service name nor a SPIFFE ID",
            "Name a service of this mesh (frontend, or namespace/frontend) or give a SPIFFE ID (spiffe://...).");
        return null;
    }

    private static string? BindPathPattern(BindContext context, ManifestNode node, string path)
    {
        var text = Scalars.String(context, node, path);
        if (text is null)
            return null;
        if (IsPathPattern(text))
            return text;
        context.Error(DiagnosticCodes.InvalidValue, path, node.Location, $"'{Scalars.Truncate(text)}' is not a path pattern",
            "Write an exact path (/api/orders), a prefix (/api/*), a suffix (*.json) or '*'; one '*' at most, at either end.");
        return null;
    }

    /// <summary>True for a service named as <c>name</c> or <c>namespace/name</c>.</summary>
    public static bool IsServicePrincipal(string text)
    {
        var parts = text.Split('/');
        return parts.Length <= 2 && parts.All(Names.IsDnsLabel);
    }

    /// <summary>True for '*', an exact path, a prefix (<c>/api/*</c>) or a suffix (<c>*.json</c>): one '*' at most, at either end.</summary>
    public static bool IsPathPattern(string text)
    {
        var stars = text.Count(c => c == '*');
        return text == "*"
            || (stars == 0 && text.StartsWith('/'))
            || (stars == 1 && text.EndsWith('*') && text.StartsWith('/'))
            || (stars == 1 && text.StartsWith('*') && text.Length > 1);
    }

    private static JwtPolicy? BindJwt(BindContext context, ManifestNode node, string path)
    {
        var jwt = ObjectReader.Open(context, node, path, JwtShape);
        if (jwt is null)
            return null;
        var issuer = jwt.String("issuer");
        var jwksUri = jwt.String("jwksUri");
        var audiences = jwt.List("audiences", Scalars.String);
        var required = jwt.Bool("required") ?? true;
        if (jwksUri is not null && !(Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            context.Error(DiagnosticCodes.InvalidValue, jwt.FieldPath("jwksUri"), jwt.Node("jwksUri")!.Location,
                $"'{Scalars.Truncate(jwksUri)}' is not an https URL", "Signing keys must come over https, e.g. https://auth.example/.well-known/jwks.json.");
            jwksUri = null;
        }
        if (issuer is not null && issuer.Length == 0)
        {
            context.Error(DiagnosticCodes.InvalidValue, jwt.FieldPath("issuer"), jwt.Node("issuer")!.Location, "the issuer is empty",
                "Give the exact 'iss' claim the tokens carry.");
            issuer = null;
        }
        return issuer is null || jwksUri is null ? null : new JwtPolicy { Issuer = issuer, JwksUri = jwksUri, Audiences = audiences, Required = required };
    }
}
