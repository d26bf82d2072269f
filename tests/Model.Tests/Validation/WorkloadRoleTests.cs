using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests.Validation;

/// <summary>
/// <c>deployments[].aws.role</c>: parsed as IAM writes role ARNs, one service per role on a site (the role is the
/// service's identity on a VPC Lattice site), indexed per site for the gateway and the auth policies.
/// </summary>
public class WorkloadRoleTests
{
    private static string Mesh(string deployments) => $$"""
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: a, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: gw.a.example } }
            - { name: b, provider: aws, region: us-west-2, mesh: vpc-lattice, gateway: { address: gw.b.example } }
            - { name: c, provider: aws, region: us-west-2, mesh: appmesh, gateway: { address: gw.c.example } }
          services:
        {{deployments}}
        """;

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/checkout-task", "aws", "123456789012", "/", "checkout-task")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/teams/shop/checkout+task@x", "aws-us-gov", "123456789012", "/teams/shop/", "checkout+task@x")]
    public void TryParse_ReadsPartitionAccountPathAndName(string arn, string partition, string account, string path, string name)
    {
        var role = IamRoleArn.TryParse(arn);

        Assert.Equal(new IamRoleArn { Partition = partition, Account = account, Path = path, Name = name }, role);
        Assert.Equal(arn, role!.Arn);
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/checkout-task/s")] // a session, not the role
    [InlineData("arn:aws:iam::123456789012:user/checkout-task")]
    [InlineData("arn:aws:iam::12345678901:role/checkout-task")]
    [InlineData("arn:aws:iam:us-east-1:123456789012:role/checkout-task")] // IAM is global: no region
    [InlineData("arn:aws:iam::123456789012:role/")]
    [InlineData("arn:aws:iam::123456789012:role/a b")]
    [InlineData("arn:aws:iam::123456789012:role/checkout-task\n")]
    [InlineData("arn:other:iam::123456789012:role/checkout-task")]
    public void TryParse_RefusesWhatIsNotARoleArn(string text) => Assert.Null(IamRoleArn.TryParse(text));

    [Fact]
    public void SameRoleOnTwoSites_ForTwoServices_IsAllowed_EachSiteKnowsItsOwn()
    {
        var loaded = ManifestLoader.LoadText(Mesh("""
                - { name: checkout, ports: [{ port: 8080 }], deployments: [{ site: a, version: v1, aws: { role: "arn:aws:iam::123456789012:role/task" } }] }
                - { name: payments, ports: [{ port: 8081 }], deployments: [{ site: b, version: v1, aws: { role: "arn:aws:iam::123456789012:role/task" } }] }
            """), "t.yaml");

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var mesh = loaded.Mesh!;
        Assert.Equal("checkout", LatticeRoles.Of(mesh, mesh.Sites[0]).ServiceOf("aws", "123456789012", "task")!.Name);
        Assert.Equal("payments", LatticeRoles.Of(mesh, mesh.Sites[1]).ServiceOf("aws", "123456789012", "task")!.Name);
        Assert.Null(LatticeRoles.Of(mesh, mesh.Sites[0]).ServiceOf("aws", "210987654321", "task"));
    }

    [Fact]
    public void SharedRole_ErrorNamesBothServicesAndTheFirstPlace()
    {
        var loaded = ManifestLoader.LoadText(Mesh("""
                - { name: checkout, ports: [{ port: 8080 }], deployments: [{ site: a, version: v1, aws: { role: "arn:aws:iam::123456789012:role/task" } }] }
                - { name: payments, ports: [{ port: 8081 }], deployments: [{ site: a, version: v1, aws: { role: "arn:aws:iam::123456789012:role/x/TASK" } }] }
            """), "t.yaml");

        var error = Assert.Single(loaded.Errors);
        Assert.Equal(DiagnosticCodes.SecurityShape, error.Code);
        Assert.Equal("spec.services[1].deployments[0].aws.role", error.Path);
        Assert.Contains("'default/payments'", error.Message);
        Assert.Contains("'default/checkout' at spec.services[0].deployments[0].aws.role", error.Message);
    }

    [Fact]
    public void RoleOnAnAppMeshSite_IsAWarning_AndVersionsOfOneServiceMayShareARole()
    {
        var loaded = ManifestLoader.LoadText(Mesh("""
                - name: checkout
                  ports: [{ port: 8080 }]
                  deployments:
                    - { site: a, version: v1, aws: { role: "arn:aws:iam::123456789012:role/task" } }
                    - { site: a, version: v2, aws: { role: "arn:aws:iam::123456789012:role/task" } }
                    - { site: c, version: v2, aws: { role: "arn:aws:iam::123456789012:role/task" } }
                  traffic: { routes: [{ to: [{ version: v1, weight: 50 }, { version: v2, weight: 50 }] }] }
            """), "t.yaml");

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var warning = Assert.Single(loaded.Diagnostics, d => d.Code == DiagnosticCodes.SecurityShape);
        Assert.Equal("spec.services[0].deployments[2].aws.role", warning.Path);
        Assert.Single(LatticeRoles.Of(loaded.Mesh!, loaded.Mesh!.Sites[0]).RolesOf(loaded.Mesh.Services[0]));
    }
}
