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
                    CheckCaller(context, rule.From[i], $"{rulePath}.from[{i}]");
            }
        }
    }

    /// <summary>
    /// A SPIFFE ID in an allow rule names either a workload, in its site's mesh trust domain
    /// (<c>spiffe://&lt;meshTrustDomain&gt;/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>), or a site's meshfed gateway, in the
    /// federation trust domain (<c>spiffe://&lt;trustDomain&gt;/site/&lt;site&gt;/gateway</c>). Anything else matches
    /// no caller unless that trust domain is federated into the meshes.
    /// </summary>
    private static void CheckCaller(ValidationContext context, string caller, string path)
    {
        if (!TrustDomains.TryParseId(caller, out var domain, out _) || context.Mesh.TrustDomain.Length == 0)
            return;
        var meshDomains = context.Mesh.Sites.Select(s => s.MeshTrustDomain).Distinct().Order(StringComparer.Ordinal).ToList();
        var federation = context.Mesh.TrustDomain;
        var isGateway = context.Mesh.Sites.Any(s => caller == DataPath.GatewaySpiffeId(federation, s.Name));
        if (domain == federation && !isGateway)
        {
            context.Warning(DiagnosticCodes.SecurityShape, path,
                $"'{caller}' is in the federation trust domain '{federation}', where only the sites' gateways have identities (spiffe://{federation}/site/<site>/gateway); workloads are identified in their site's mesh trust domain ({string.Join(", ", meshDomains)})",
                $"Name the caller service instead (from: [<namespace>/<service>]), or write its workload identity, e.g. spiffe://{meshDomains.FirstOrDefault() ?? "cluster.local"}/ns/<namespace>/sa/<service>.");
        }
        else if (domain != federation && !meshDomains.Contains(domain))
        {
            context.Warning(DiagnosticCodes.SecurityShape, path,
                $"'{caller}' is in trust domain '{domain}', which is neither a site's mesh trust domain ({string.Join(", ", meshDomains)}) nor the federation's '{federation}'",
                "This only matches if that trust domain is federated into the sites' meshes; check the spelling, or set the site's meshTrustDomain.");
        }
    }
}
