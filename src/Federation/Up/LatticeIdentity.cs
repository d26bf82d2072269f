using MeshFed.Gateway.Policy;
using MeshFed.Model;

namespace MeshFed.Federation.Up;

/// <summary>
/// The caller identity header VPC Lattice adds to requests it delivers to a target, as <c>meshfed up</c> writes it
/// for the Lattice site's callers ("Caller identity headers", https://docs.aws.amazon.com/vpc-lattice/latest/ug/http-targets.html:
/// <c>Principal=&lt;arn&gt;; PrincipalOrgID=…; SessionName=…; Type=AWS_IAM</c>).
/// </summary>
public static class LatticeIdentity
{
    /// <summary>The header's name.</summary>
    public const string Header = LatticeCaller.IdentityHeader;

    /// <summary>The header of a role session: <c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;</c>.</summary>
    public static string Of(string account, string role, string session) => Of("aws", account, role, session);

    /// <summary>The header of a session of <paramref name="role"/> (a role a deployment declares), in its partition.</summary>
    public static string Of(IamRoleArn role, string session) => Of(role.Partition, role.Account, role.Name, session);

    private static string Of(string partition, string account, string role, string session) =>
        $"Principal=arn:{partition}:sts::{account}:assumed-role/{role}/{session}; SessionName={session}; Type=AWS_IAM";
}
