using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>security</c>: mTLS mode, allow rules and JWT.</summary>
internal static class SecurityBinder
{
    public static readonly string[] Fields = ["mtls", "allow", "jwt"];
    public static readonly string[] AllowFields = ["from", "methods", "paths"];
    public static readonly string[] JwtFields = ["issuer", "jwksUri", "audiences", "required"];

    public static SecurityPolicy? Bind(BindContext context, ManifestNode node, string path)
    {
        var security = ObjectReader.Open(context, node, path, "security", Fields);
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
        var rule = ObjectReader.Open(context, node, path, "an allow rule", AllowFields);
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
        var parts = text.Split('/');
        if (parts.Length <= 2 && parts.All(Names.IsDnsLabel))
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
        var stars = text.Count(c => c == '*');
        var valid = text == "*"
            || (stars == 0 && text.StartsWith('/'))
            || (stars == 1 && text.EndsWith('*') && text.StartsWith('/'))
            || (stars == 1 && text.StartsWith('*') && text.Length > 1);
        if (valid)
            return text;
        context.Error(DiagnosticCodes.InvalidValue, path, node.Location, $"'{Scalars.Truncate(text)}' is not a path pattern",
            "Write an exact path (/api/orders), a prefix (/api/*), a suffix (*.json) or '*'; one '*' at most, at either end.");
        return null;
    }

    private static JwtPolicy? BindJwt(BindContext context, ManifestNode node, string path)
    {
        var jwt = ObjectReader.Open(context, node, path, "a JWT policy", JwtFields);
        if (jwt is null)
            return null;
        var issuer = jwt.String("issuer", required: true);
        var jwksUri = jwt.String("jwksUri", required: true);
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
