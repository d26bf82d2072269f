using System.Net;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Signing;
using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests.Lattice;

/// <summary>
/// Delivery into VPC Lattice, end to end on loopback: caller → gateway g → gateway l (a Lattice site) → a Lattice
/// service that verifies each SigV4 signature → callee. The gateway signs every request with its role's current
/// credentials, and moves to new ones before the old expire.
/// </summary>
public class LatticeDeliveryTests
{
    private const string Mesh = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: g, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
            - { name: l, provider: aws, region: us-west-2, mesh: vpc-lattice, gateway: { address: 10.0.0.1 } }
          services:
            - name: orders
              namespace: shop
              ports: [{ port: 8080 }]
              deployments: [{ site: l, version: v1 }]
        """;

    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private long _ticks = now.UtcTicks;

        public DateTimeOffset Now
        {
            get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
        }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The role's credentials: key n is issued at the n-th fetch and lives 15 minutes.</summary>
    private sealed class Role(ManualTime time, LoopbackLatticeService lattice)
    {
        public int Fetches;

        public Task<ExpiringCredentials> FetchAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref Fetches);
            var credentials = new AwsCredentials($"ASIAROLEKEY{n}", $"secret-{n}", $"token-{n}");
            var expires = time.Now + TimeSpan.FromMinutes(15);
            lattice.Accept(credentials, expires);
            return Task.FromResult(new ExpiringCredentials(credentials, expires));
        }
    }

    private static async Task<(TestFederation Federation, LoopbackLatticeService Lattice, ManualTime Time, Role Role)> StartAsync(bool sign = true)
    {
        var time = new ManualTime(s_start);
        var lattice = await LoopbackLatticeService.StartAsync("us-west-2", () => time.Now);
        var role = new Role(time, lattice);
        var credentials = new RefreshingCredentials(role.FetchAsync, time);
        var federation = await TestFederation.StartAsync(Mesh, new LocalFederationOptions
        {
            LatticeStandIns = false,
            TypicalLatency = false,
            ConfigureGateway = settings => settings.Site != "l" ? settings : settings with
            {
                // The Lattice service stands where the custom domain would resolve; the callee is behind it.
                LocalEndpoints = (service, deployment, port) =>
                {
                    lattice.Upstream ??= settings.LocalEndpoints!(service, deployment, port)![0];
                    return [lattice.Uri];
                },
                LatticeSigner = sign ? () => new LatticeSigningHandler("us-west-2", credentials, time) : null,
            },
        });
        return (federation, lattice, time, role);
    }

    [Fact]
    public async Task Request_FromAnotherSite_IsSignedIntoLattice_AndServed()
    {
        var (f, lattice, _, _) = await StartAsync();
        await using var _f = f;
        await using var _l = lattice;

        var served = await TestFederation.ReadAsync(await f.SendAsync("g", "orders.shop", "/orders/42?b=2&a=1", HttpMethod.Post));

        Assert.Equal(("orders", "l"), (served.Service, served.Site));
        Assert.Equal(["ASIAROLEKEY1"], lattice.Admitted);
        Assert.Empty(lattice.Refused);
        // Lattice routes by the custom domain name: the service's mesh host, on the listener (service) port.
        Assert.Equal(["orders.shop.svc.cluster.local:8080"], lattice.Hosts);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAROLEKEY1/20261202/us-west-2/vpc-lattice-svcs/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,", served.Headers["authorization"]);
    }

    [Fact]
    public async Task Request_WithoutASigner_IsRefusedByLattice()
    {
        var (f, lattice, _, _) = await StartAsync(sign: false);
        await using var _f = f;
        await using var _l = lattice;

        var response = await f.SendAsync("g", "orders.shop", "/orders/42");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["missing signature"], lattice.Refused);
    }

    [Fact]
    public async Task LoopbackLattice_RefusesBadSignatures()
    {
        // The verifier itself can say no: otherwise the tests above prove nothing.
        var time = new ManualTime(s_start);
        await using var lattice = await LoopbackLatticeService.StartAsync("us-west-2", () => time.Now);
        var key = new AwsCredentials("ASIAKNOWN", "secret", "token");
        lattice.Accept(key, s_start + TimeSpan.FromMinutes(10));
        using var client = new HttpClient();

        async Task<HttpStatusCode> Send(Action<HttpRequestMessage> sign)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lattice.Uri, "/orders/42"));
            sign(request);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Send(_ => { }));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "eu-west-1").Sign(r, key, time.Now)));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "us-west-2").Sign(r, key with { SecretAccessKey = "guess" }, time.Now)));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "us-west-2").Sign(r, key, time.Now - TimeSpan.FromMinutes(6))));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "us-west-2").Sign(r, key with { AccessKeyId = "ASIAOTHER" }, time.Now)));
        Assert.Equal(["missing signature", "wrong credential scope: 20261202/eu-west-1/vpc-lattice-svcs/aws4_request", "signature does not match",
            "x-amz-date missing or more than 5 minutes off", "unknown key ASIAOTHER"], lattice.Refused);
        Assert.Equal(HttpStatusCode.OK, await Send(r => new UnsignedPayloadSigner("vpc-lattice-svcs", "us-west-2").Sign(r, key, time.Now)));
        Assert.Equal(["ASIAKNOWN"], lattice.Admitted);
    }

    [Fact]
    public async Task Credentials_NearingExpiry_AreReplaced_AndExpiredOnesAreNeverSent()
    {
        var (f, lattice, time, role) = await StartAsync();
        await using var _f = f;
        await using var _l = lattice;

        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("g", "orders.shop", "/orders/1")).StatusCode);
        time.Now = s_start + TimeSpan.FromMinutes(11); // in the refresh window: key 1 still signs, key 2 is fetched
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("g", "orders.shop", "/orders/2")).StatusCode);
        for (var i = 0; i < 100 && Volatile.Read(ref role.Fetches) < 2; i++)
            await Task.Delay(20);
        time.Now = s_start + TimeSpan.FromMinutes(16); // key 1 has expired
        Assert.Equal(HttpStatusCode.OK, (await f.SendAsync("g", "orders.shop", "/orders/3")).StatusCode);

        Assert.Equal(["ASIAROLEKEY1", "ASIAROLEKEY1", "ASIAROLEKEY2"], lattice.Admitted);
        Assert.Empty(lattice.Refused);
        Assert.Equal(2, role.Fetches);
    }
}
