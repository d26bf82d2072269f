using System.Net;
using MeshFed.Model;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// Which TCP peers of the local listener are VPC Lattice, whose caller identity headers the gateway may believe.
/// Lattice reaches its targets from the addresses of the region's managed prefix list
/// (<c>com.amazonaws.&lt;region&gt;.vpc-lattice</c> and <c>.ipv6.vpc-lattice</c>), link-local ones such as
/// <c>169.254.171.0/24</c> and, in some regions, non-routable public ones ("Control traffic in VPC Lattice using
/// security groups", Managed prefix list and Windows clients,
/// https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html). A host inside the VPC cannot send
/// from those addresses (EC2 source/destination checking drops what an interface did not own), so a connection
/// from them came through Lattice, which strips caller identity headers from every incoming request before it adds
/// its own ("Caller identity headers cannot be spoofed", https://docs.aws.amazon.com/vpc-lattice/latest/ug/http-targets.html).
/// </summary>
public static class LatticeSources
{
    /// <summary>The link-local range the Lattice documentation names (169.254.171.0/24).</summary>
    public static readonly IReadOnlyList<IPNetwork> LinkLocal = [IPNetwork.Parse("169.254.171.0/24")];

    /// <summary>
    /// The sources a gateway of <paramref name="site"/> trusts when not told: the documented link-local range on a
    /// VPC Lattice site, none elsewhere. The region's full prefix list is passed with <c>--trust-lattice-from</c>
    /// (the Terraform module reads it from the managed prefix list and does).
    /// </summary>
    public static IReadOnlyList<IPNetwork> For(Site site) => site.Mesh == MeshKind.VpcLattice ? LinkLocal : [];
}
