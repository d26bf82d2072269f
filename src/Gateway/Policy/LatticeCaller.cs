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
/// Any other principal (a root account, a federated user, an anonymous request without one), and a role or user
/// name with characters a SPIFFE path cannot hold (<c>+=,@</c>), maps to none: the caller is unknown.
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

    /// <summary>The SPIFFE ID of the principal in <paramref name="identity"/>, in <paramref name="meshTrustDomain"/>; null when it maps to none.</summary>
    public static string? SpiffeIdOf(string identity, string meshTrustDomain)
    {
        if (Principal(identity) is not { } arn)
            return null;
        // arn:PARTITION:SERVICE::ACCOUNT:RESOURCE (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
        var parts = arn.Split(':', 6);
        if (parts is not ["arn", _, var service, "", var account, var resource] || account.Length != 12 || !account.All(char.IsAsciiDigit))
            return null;
        var segments = resource.Split('/');
        var (kind, name) = (service, segments) switch
        {
            ("sts", ["assumed-role", var role, _]) => ("role", role),
            ("iam", ["user", .. var path]) when path.Length > 0 => ("user", path[^1]),
            _ => (null, null),
        };
        if (kind is null || name is null || !IsSpiffeSegment(name))
            return null;
        return $"spiffe://{meshTrustDomain}/aws/{account}/{kind}/{name}";
    }

    private static string? Principal(string identity)
    {
        foreach (var field in identity.Split(';', StringSplitOptions.TrimEntries))
        {
            if (field.StartsWith("Principal=", StringComparison.Ordinal))
                return field["Principal=".Length..];
        }
        return null;
    }

    // SPIFFE ID path segments: letters, digits, '.', '-', '_' (SPIFFE-ID spec, section 2.2), and not "." or "..".
    private static bool IsSpiffeSegment(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
