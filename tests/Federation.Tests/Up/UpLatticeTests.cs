using System.Net;
using System.Text.RegularExpressions;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Signing;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Up;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MeshFed.Federation.Tests;

/// <summary>
/// <c>meshfed up</c> on examples/shop-lattice: the AWS site runs on VPC Lattice semantics on loopback. Its gateway
/// signs every delivery into the site's Lattice services, which a stand-in verifies with SigV4; its callers reach
/// other sites with Lattice's identity header.
/// </summary>
public sealed class UpLatticeTests
{
    [Fact]
    public async Task Up_ShopLattice_EveryDeploymentServesWithoutErrors_AndEveryLatticeDeliveryIsVerified()
    {
        var store = Path.Combine(Path.GetTempPath(), $"meshfed-up-lattice-{Guid.NewGuid():N}.db");
        try
        {
            // The command line as a user types it, with gateways on a clock that stands still (as
            // TrustAndUpCommandTests.Up_RunsTheDemoFederation_…): on the system clock a busy machine makes the example's
            // own try timeouts fire, and the 504s answered then are right, but not what this test is about.
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var cli = new CliOutput(stdout, stderr);
            var command = new UpCommand(cli);
            var request = command.Read(command.Parse([RepoPaths.Of("examples/shop-lattice"), "--duration", "7s", "--load", "30", "--store", store]), cli)!
                with { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };
            var code = await UpCommand.RunAsync(request, cli);
            var (output, error) = (stdout.ToString(), stderr.ToString());

            Assert.True(code == 0, error + output);
            var final = output[output.LastIndexOf("Golden signals of the last 10 s", StringComparison.Ordinal)..];
            foreach (var (service, site, version) in new[] { ("checkout", "aws-use1", "v1"), ("checkout", "gcp-euw1", "v2"), ("frontend", "gcp-euw1", "v1"), ("frontend", "dc-berlin", "v1"), ("inventory", "dc-berlin", "v1"), ("payments", "dc-berlin", "v3") })
                Assert.True(Regex.IsMatch(final, $"(?m)^{service} +{site} +{version} +[0-9.]*[1-9][0-9.]* +0\\.0%"), $"{service}@{site} {version} served nothing or with errors:\n{final}");
            Assert.Contains(" 0 without an answer", final);
            Assert.Matches("VPC Lattice on aws-use1: [1-9][0-9]* SigV4-signed deliveries verified and admitted, 0 refused", final);
        }
        finally
        {
            File.Delete(store);
        }
    }

    [Fact]
    public async Task LatticeStandIn_UnsignedOrForeignKey_IsRefusedAndReachesNoWorkload()
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/shop-lattice")).Mesh!;
        await using var federation = await LocalFederation.StartAsync(mesh, new LocalFederationOptions { TypicalLatency = false }, NullLoggerFactory.Instance);
        var lattice = federation.Lattice["aws-use1"];
        var workload = federation.Workload("checkout", "aws-use1", "v1");
        using var client = new HttpClient();

        async Task<HttpStatusCode> Send(Action<HttpRequestMessage> sign)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lattice.Http1, "/api/orders"));
            request.Headers.Host = "checkout.shop.svc.cluster.local:8080";
            request.Headers.TryAddWithoutValidation("x-meshfed-version", "v1");
            sign(request);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Send(_ => { }));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "us-east-1").Sign(r, new AwsCredentials("AKIAATTACKER", "guess"), DateTimeOffset.UtcNow)));
        Assert.Equal(2, lattice.Refused);
        Assert.Equal(0, lattice.Verified);
        Assert.Equal(0, workload.Served);
    }
}

/// <summary>The demo callers of a Lattice site sign in as Lattice would authenticate them: by the role their service declares.</summary>
public sealed class DemoRequestLatticeTests
{
    [Fact]
    public void For_CallerOnLatticeSite_RuleNamesAServiceThatDeclaresItsRoleThere_SendsThatRolesPrincipal()
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/shop-lattice")).Mesh!;
        var payments = mesh.FindService("payments")!;

        using var request = DemoRequest.For(mesh, payments, new Random(1), 15180, caller: mesh.FindSite("aws-use1"));

        var identity = Assert.Single(request.Headers.GetValues(LatticeIdentity.Header));
        Assert.StartsWith("Principal=arn:aws:sts::123456789012:assumed-role/checkout-task/", identity);
        Assert.False(request.Headers.Contains("x-forwarded-client-cert"));
    }

    [Fact]
    public void For_CallerOnLatticeSite_ServiceNamesNoCallerThere_SendsTheDemoRole()
    {
        var mesh = ManifestLoader.Load(RepoPaths.Of("examples/shop-lattice")).Mesh!;

        using var request = DemoRequest.For(mesh, mesh.FindService("inventory")!, new Random(1), 15180, caller: mesh.FindSite("aws-use1"));

        Assert.Contains("assumed-role/meshfed-demo-client/", Assert.Single(request.Headers.GetValues(LatticeIdentity.Header)));
    }
}
