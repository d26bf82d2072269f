using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Security settings that contradict each other or allow more than their author likely meant.</summary>
internal sealed class SecurityValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        foreach (var service in context.Mesh.Services)
        {
            var path = context.Sources.PathOf(service) + ".security";
            var security = service.Security;
            if (security.Mtls == MtlsMode.Permissive && security.Allow.Any(r => r.From.Count > 0))
            {
                context.Warning(DiagnosticCodes.SecurityShape, path + ".mtls",
                    $"service '{service.Name}' allows callers by identity but accepts plaintext, which carries no identity: plaintext callers will be denied",
                    "Use mtls: strict once every caller has a sidecar, or allow without 'from' during the migration.");
            }
            foreach (var rule in security.Allow)
            {
                var rulePath = context.Sources.PathOf(rule);
                if (rule.From.Count == 0 && rule.Methods.Count == 0 && rule.Paths.Count == 0)
                {
                    context.Warning(DiagnosticCodes.SecurityShape, rulePath,
                        "this allow rule has no from, methods or paths, so it allows every authenticated caller to do anything",
                        "Name the callers (from), methods or paths it should allow.");
                }
                for (var i = 0; i < rule.From.Count; i++)
                {
                    if (TrustDomains.TryParseId(rule.From[i], out var domain, out _) && domain != context.Mesh.TrustDomain
                        && context.Mesh.TrustDomain.Length > 0)
                    {
                        context.Warning(DiagnosticCodes.SecurityShape, $"{rulePath}.from[{i}]",
                            $"'{rule.From[i]}' is in trust domain '{domain}', not the mesh's '{context.Mesh.TrustDomain}'",
                            "This only matches if that trust domain is federated into the sites' meshes; check the spelling.");
                    }
                }
            }
        }
    }
}
