using MeshFed.Model;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// The caller VPC Lattice authenticated, as the gateway's allow rules name callers. Lattice puts the SigV4-verified
/// principal in <c>x-amzn-lattice-identity</c> (<c>Principal=arn:…; PrincipalOrgID=…; SessionName=…; Type=AWS_IAM</c>,
/// https://docs.aws.amazon.com/vpc-lattice/latest/ug/http-targets.html, Caller identity headers). The principal
/// maps to a SPIFFE ID in the Lattice site's mesh trust domain, so it travels between gateways in
/// <c>x-meshfed-caller</c> and matches allow rules like any other caller:
/// <list type="table">
/// <item><term><c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c></term><description><c>spiffe://MESHTD/aws/ACCOUNT/role/ROLE</c> (the session, one per task or pod, is not the identity; the role is)</description></item>
/// <item><term><c>arn:aws:iam::ACCOUNT:user/USER</c></term><description><c>spiffe://MESHTD/aws/ACCOUNT/user/USER</c></description></item>
/// </list>
/// A session of a role a deployment of the gateway's own site declares (<c>deployments[].aws.role</c>) is that
/// service instead: <c>spiffe://MESHTD/ns/NS/sa/NAME</c>, so allow rules that name the service admit it.
/// Any other principal (a root account, a federated user, an anonymous request without one, a header with two
/// principals), and an undeclared role or user name with characters a SPIFFE path cannot hold (<c>+=,@</c>), maps to
/// none: the caller is unknown.
/// </summary>
public static class LatticeCaller
{
    /// <summary>The authenticated principal.</summary>
    public const string IdentityHeader = "x-amzn-lattice-identity";

    /// <summary>
    /// Every header through which Lattice describes the caller or its path; the gateway removes them from every
    /// request on the local listener (after reading the identity when Lattice sent it), so that a workload behind
    /// the gateway never reads one a client wrote.
    /// </summary>
    public static readonly string[] Headers = [IdentityHeader, "x-amzn-lattice-identity-tags", "x-amzn-lattice-network", "x-amzn-lattice-target", "x-amzn-source-vpc"];

    /// <summary>Removes <see cref="Headers"/> from <paramref name="headers"/>.</summary>
    public static void Strip(IHeaderDictionary headers)
    {
        for (var i = 0; i < Headers.Length; i++)
            headers.Remove(Headers[i]);
    }

    /// <summary>
    /// The SPIFFE ID of the principal in <paramref name="identity"/> as a gateway of <paramref name="site"/> names it:
    /// a session of a role that <paramref name="roles"/> (the site's own deployments) declares is that service's
    /// workload identity in the site's mesh, <see cref="Site.WorkloadId"/>, the ID an Istio site would give it; any
    /// other principal as <see cref="SpiffeIdOf(string, string)"/> says. Only the site's own declarations count, so a
    /// gateway speaks only for workloads of its own site, in its own mesh trust domain.
    /// </summary>
    public static string? SpiffeIdOf(string identity, Site site, LatticeRoles roles)
    {
        if (Parse(identity) is not { } principal)
            return null;
        if (principal.Kind == "role" && roles.ServiceOf(principal.Partition, principal.Account, principal.Name) is { } service)
            return site.WorkloadId(service);
        return IdOf(principal, site.MeshTrustDomain);
    }

    /// <summary>The SPIFFE ID of the principal in <paramref name="identity"/>, in <paramref name="meshTrustDomain"/>; null when it maps to none.</summary>
    public static string? SpiffeIdOf(string identity, string meshTrustDomain) =>
        Parse(identity) is { } principal ? IdOf(principal, meshTrustDomain) : null;

    private static string? IdOf(LatticePrincipal principal, string meshTrustDomain) =>
        IsSpiffeSegment(principal.Name) ? $"spiffe://{meshTrustDomain}/aws/{principal.Account}/{principal.Kind}/{principal.Name}" : null;

    /// <summary>A role session or an IAM user named by the one <c>Principal</c> field of <paramref name="identity"/>; null for anything else.</summary>
    private static LatticePrincipal? Parse(string identity)
    {
        if (Principal(identity) is not { } arn)
            return null;
        // arn:PARTITION:SERVICE::ACCOUNT:RESOURCE (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
        var parts = arn.Split(':', 6);
        if (parts is not ["arn", var partition, var service, "", var account, var resource] || account.Length != 12 || !account.All(char.IsAsciiDigit))
            return null;
        var segments = resource.Split('/');
        var (kind, name) = (service, segments) switch
        {
            ("sts", ["assumed-role", var role, _]) => ("role", role),
            ("iam", ["user", .. var path]) when path.Length > 0 => ("user", path[^1]),
            _ => (null, null),
        };
        return kind is null || name is null or "" ? null : new LatticePrincipal(partition, account, kind, name);
    }

    /// <summary>The value of the only <c>Principal</c> field; null when there is none or more than one (Lattice writes one).</summary>
    private static string? Principal(string identity)
    {
        string? found = null;
        foreach (var field in identity.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!field.StartsWith("Principal=", StringComparison.Ordinal))
                continue;
            if (found is not null)
                return null;
            found = field["Principal=".Length..];
        }
        return found;
    }

    private sealed record LatticePrincipal(string Partition, string Account, string Kind, string Name);

    // SPIFFE ID path segments: letters, digits, '.', '-', '_' (SPIFFE-ID spec, section 2.2), and not "." or "..".
    private static bool IsSpiffeSegment(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
