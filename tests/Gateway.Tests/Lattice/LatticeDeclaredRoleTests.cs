using System.Net;
using MeshFed.Federation.Up;
using MeshFed.Gateway.Policy;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests.Lattice;

/// <summary>
/// A caller VPC Lattice authenticated as a role a deployment of the gateway's own site declares
/// (<c>deployments[].aws.role</c>) is that service, so <c>from: [checkout]</c> admits it on every serving site; and
/// the attacks on that mapping: the claim from a client that is not Lattice, the same role name in another account,
/// a session named like the role, a second principal, and a role declared on one Lattice site claimed through another.
/// </summary>
public class LatticeDeclaredRoleTests
{
    // Sites l and m run VPC Lattice; checkout runs on l as role checkout-task, reports on m as reports-task. stock (on
    // b) admits checkout by name only.
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: l, provider: aws, region: us-west-2, mesh: vpc-lattice, meshTrustDomain: l.mesh, gateway: { address: 10.0.0.1 } }
            - { name: m, provider: aws, region: us-east-1, mesh: vpc-lattice, meshTrustDomain: m.mesh, gateway: { address: 10.0.0.3 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, meshTrustDomain: b.mesh, gateway: { address: 10.0.0.2 } }
          services:
            - name: checkout
              ports: [{ port: 8080 }]
              deployments: [{ site: l, version: v1, aws: { role: "arn:aws:iam::123456789012:role/shop/checkout-task" } }]
            - name: reports
              ports: [{ port: 8081 }]
              deployments: [{ site: m, version: v1, aws: { role: "arn:aws:iam::123456789012:role/reports-task" } }]
            - name: stock
              ports: [{ port: 8082 }]
              deployments: [{ site: b, version: v1 }]
              security:
                allow:
                  - from: [checkout]
        """;

    private static Dictionary<string, string> Identity(string value) => new() { [LatticeCaller.IdentityHeader] = value };

    private const string CheckoutTask = "Principal=arn:aws:sts::123456789012:assumed-role/checkout-task/0f3c1a; PrincipalOrgID=o-abc; SessionName=0f3c1a; Type=AWS_IAM";

    // Loopback plays Lattice's link-local range.
    private static Task<TestFederation> FromLatticeAsync() => TestFederation.StartAsync(Mesh, new LocalFederationOptions
    {
        LatticeStandIns = false,
        TypicalLatency = false,
        TrustXfccFrom = [],
        ConfigureGateway = settings => settings with { TrustLatticeFrom = [IPNetwork.Parse("127.0.0.1/32")] },
    });

    [Fact]
    public async Task DeclaredRole_FromLattice_IsTheService_SoANameRuleOnAnotherSiteAdmitsIt()
    {
        await using var f = await FromLatticeAsync();

        var served = await TestFederation.ReadAsync(await f.SendAsync("l", "stock", "/stock/42", headers: Identity(CheckoutTask)));

        Assert.Equal("b", served.Site);
    }

    [Fact]
    public async Task DeclaredRole_ClaimedByAClientThatIsNotLattice_IsUnknown()
    {
        // The attack: a client in the VPC dials the gateway's local port and writes the header Lattice would write.
        await using var f = await TestFederation.StartAsync(Mesh, new LocalFederationOptions { LatticeStandIns = false, TypicalLatency = false, TrustXfccFrom = [] });

        var forged = await f.SendAsync("l", "stock", "/stock/42", headers: Identity(CheckoutTask));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("caller 'unknown'", await forged.Content.ReadAsStringAsync());
    }

    [Theory]
    // The same role name in another account: another role.
    [InlineData("Principal=arn:aws:sts::210987654321:assumed-role/checkout-task/s; SessionName=s; Type=AWS_IAM")]
    // The same account and name in another partition.
    [InlineData("Principal=arn:aws-cn:sts::123456789012:assumed-role/checkout-task/s; SessionName=s; Type=AWS_IAM")]
    // A session named like the role (anyone who may assume reports-task chooses the session name).
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/reports-task/checkout-task; SessionName=checkout-task; Type=AWS_IAM")]
    // An IAM user named like the role.
    [InlineData("Principal=arn:aws:iam::123456789012:user/checkout-task; Type=AWS_IAM")]
    // A federated user named like the role.
    [InlineData("Principal=arn:aws:sts::123456789012:federated-user/checkout-task; Type=AWS_IAM")]
    // Two principals: none is believed.
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/reports-task/s; Principal=arn:aws:sts::123456789012:assumed-role/checkout-task/s; Type=AWS_IAM")]
    // The role's name in another case: not what the auth policy's StringEquals on aws:PrincipalArn admits.
    [InlineData("Principal=arn:aws:sts::123456789012:assumed-role/Checkout-Task/s; SessionName=s; Type=AWS_IAM")]
    public async Task NotTheDeclaredRole_IsNotTheService(string identity)
    {
        await using var f = await FromLatticeAsync();

        var refused = await f.SendAsync("l", "stock", "/stock/42", headers: Identity(identity));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task RoleDeclaredOnSiteL_ClaimedThroughSiteMsGateway_IsNotTheService()
    {
        // checkout runs as checkout-task on l only: m's gateway cannot say a caller is checkout, even one Lattice
        // authenticated as that role on m (the role's tasks there are no deployment of checkout).
        await using var f = await FromLatticeAsync();

        var refused = await f.SendAsync("m", "stock", "/stock/42", headers: Identity(CheckoutTask));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void SpiffeIdOf_DeclaredRole_IsTheServiceInTheSitesMesh_OtherRolesKeepTheirRoleIds()
    {
        var mesh = TestPlans.Load(Mesh);
        var l = mesh.Sites.Single(s => s.Name == "l");
        var m = mesh.Sites.Single(s => s.Name == "m");

        Assert.Equal("spiffe://l.mesh/ns/default/sa/checkout", LatticeCaller.SpiffeIdOf(CheckoutTask, l, LatticeRoles.Of(mesh, l)));
        Assert.Equal("spiffe://m.mesh/aws/123456789012/role/checkout-task", LatticeCaller.SpiffeIdOf(CheckoutTask, m, LatticeRoles.Of(mesh, m)));
        Assert.Equal("spiffe://m.mesh/ns/default/sa/reports",
            LatticeCaller.SpiffeIdOf("Principal=arn:aws:sts::123456789012:assumed-role/reports-task/s", m, LatticeRoles.Of(mesh, m)));
    }
}
