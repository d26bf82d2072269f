using System.Net;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Policy;

namespace MeshFed.Gateway.Tests.Lattice;

/// <summary>
/// The gateway as a VPC Lattice target: the caller Lattice authenticated (<c>x-amzn-lattice-identity</c>) counts
/// only when the connection comes from Lattice's addresses; from anyone else the header is ignored and stripped.
/// </summary>
public class LatticeCallerTests
{
    // Site l runs VPC Lattice; its callers reach stock (site b) through l's gateway, the target of stock's Lattice service.
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: l, provider: aws, region: us-west-2, mesh: vpc-lattice, meshTrustDomain: l.mesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, meshTrustDomain: b.mesh, gateway: { address: 10.0.0.2 } }
          services:
            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [spiffe://l.mesh/aws/123456789012/role/checkout]
        """;

    private static readonly Dictionary<string, string> CheckoutThroughLattice = new()
    {
        [LatticeCaller.IdentityHeader] = "Principal=arn:aws:sts::123456789012:assumed-role/checkout/task-1; PrincipalOrgID=o-abc; SessionName=task-1; Type=AWS_IAM",
        ["x-amzn-lattice-network"] = "SourceVpcArn=arn:aws:ec2:us-west-2:123456789012:vpc/vpc-0abc",
    };

    [Fact]
    public async Task LatticeIdentity_ForgedByALocalClient_IsIgnored_CallerUnknown()
    {
        // The attack: a client in the VPC dials the gateway's local port directly and claims to be checkout.
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { LatticeStandIns = false, TypicalLatency = false, TrustXfccFrom = [] });

        var forged = await f.SendAsync("l", "stock", "/stock/42", headers: CheckoutThroughLattice);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("caller 'unknown'", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LatticeIdentity_FromLattice_NamesTheCaller_AndNoLatticeHeaderGoesOn()
    {
        // Loopback plays Lattice's link-local range here.
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions
        {
            LatticeStandIns = false,
            TypicalLatency = false,
            TrustXfccFrom = [],
            ConfigureGateway = settings => settings with { TrustLatticeFrom = [IPNetwork.Parse("127.0.0.1/32")] },
        });

        var served = await TestFederation.ReadAsync(await f.SendAsync("l", "stock", "/stock/42", headers: CheckoutThroughLattice));

        Assert.Equal("b", served.Site);
        Assert.DoesNotContain(served.Headers.Keys, name => name.StartsWith("x-amzn-lattice", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task LatticeIdentity_OfAnotherRole_IsNotAllowed()
    {
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions
        {
            LatticeStandIns = false,
            TypicalLatency = false,
            TrustXfccFrom = [],
            ConfigureGateway = settings => settings with { TrustLatticeFrom = [IPNetwork.Parse("127.0.0.1/32")] },
        });

        var other = await f.SendAsync("l", "stock", "/stock/42", headers: new Dictionary<string, string>
        {
            [LatticeCaller.IdentityHeader] = "Principal=arn:aws:sts::123456789012:assumed-role/reports/task-9; SessionName=task-9; Type=AWS_IAM",
        });

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/checkout/task-1; PrincipalOrgID=o-abc; SessionName=task-1; Type=AWS_IAM", "spiffe://l.mesh/aws/123456789012/role/checkout")]
    [InlineData("Principal=arn:aws-cn:sts::123456789012:assumed-role/checkout/s", "spiffe://l.mesh/aws/123456789012/role/checkout")]
    [InlineData("Principal=arn:aws:iam::123456789012:user/ops/alice; Type=AWS_IAM", "spiffe://l.mesh/aws/123456789012/user/alice")]
    [InlineData("Principal=arn:aws:iam::123456789012:root; Type=AWS_IAM", null)] // a root account is no workload
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/a+b@c/s", null)] // not a SPIFFE path segment
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/../s", null)]
    [InlineData("Principal=arn:aws:sts::12345:assumed-role/checkout/s", null)] // not an account id
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/checkout/s/extra", null)]
    [InlineData("Type=NONE", null)] // an anonymous request
    [InlineData("SessionName=x; Principal=", null)]
    public void SpiffeIdOf_MapsRolesAndUsersOnly(string identity, string? expected) =>
        Assert.Equal(expected, LatticeCaller.SpiffeIdOf(identity, "l.mesh"));
}
