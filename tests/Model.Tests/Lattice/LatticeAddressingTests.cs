using System.Text.RegularExpressions;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests.Lattice;

/// <summary>The Lattice names and addresses every part of meshfed shares (LatticeAddressing, SiteView).</summary>
public partial class LatticeAddressingTests
{
    // The Smithy model's ServiceName pattern and length, copied (tests do not read vendor models).
    [GeneratedRegex("^(?!svc-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$")]
    private static partial Regex ServiceNamePattern();

    private static Service Service(string name, string ns = "default", params ServicePort[] ports) => new()
    {
        Name = name,
        Namespace = ns,
        Ports = ports.Length > 0 ? ports : [new ServicePort { Port = 8080 }],
        Deployments = [new Deployment { Site = "aws", Version = "v1" }],
    };

    [Theory]
    [InlineData("orders", "shop")]
    [InlineData("a", "b")]
    [InlineData("svc-orders", "default")]
    [InlineData("a--b", "c")]
    [InlineData("a-very-long-service-name-that-goes-on-and-on", "a-namespace-that-is-also-quite-long")]
    public void ServiceName_AnyManifestName_IsAValidLatticeServiceName(string name, string ns)
    {
        var fitted = LatticeAddressing.ServiceName(Service(name, ns));

        Assert.InRange(fitted.Length, 3, LatticeAddressing.MaxServiceNameLength);
        Assert.Matches(ServiceNamePattern(), fitted);
    }

    [Fact]
    public void ServiceName_ReadablePartsThatCoincide_DifferByTheirHash()
    {
        var first = LatticeAddressing.ServiceName(Service("a-b", "c"));
        var second = LatticeAddressing.ServiceName(Service("a", "b-c"));

        Assert.StartsWith("a-b-c-", first);
        Assert.StartsWith("a-b-c-", second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ServiceName_SameService_SameNameEveryTime()
    {
        Assert.Equal(LatticeAddressing.ServiceName(Service("orders", "shop")), LatticeAddressing.ServiceName(Service("orders", "shop")));
        Assert.Equal("orders-shop-", LatticeAddressing.ServiceName(Service("orders", "shop"))[..^LatticeNames.HashLength]);
    }

    [Fact]
    public void ServiceName_TruncatedNames_SharingAPrefix_StayDistinct()
    {
        var prefix = new string('x', 45);
        Assert.NotEqual(LatticeAddressing.ServiceName(Service(prefix + "a")), LatticeAddressing.ServiceName(Service(prefix + "b")));
    }

    [Theory]
    [InlineData("shop", "shop")]
    [InlineData("ab", null)]
    [InlineData("a--b", null)]
    public void ServiceNetworkName_TheMeshName_WhereLatticeTakesIt(string mesh, string? expected)
    {
        var name = LatticeAddressing.ServiceNetworkName(new FederatedMesh { Name = mesh, TrustDomain = "t", Sites = [], Services = [] });

        if (expected is not null)
            Assert.Equal(expected, name);
        else
            Assert.True(LatticeNames.IsValid(name, 3, LatticeAddressing.MaxServiceNetworkNameLength), name);
    }

    [Theory]
    [InlineData(ServiceProtocol.Http, "http-8080", LatticeListenerProtocol.Http, "http")]
    [InlineData(ServiceProtocol.Http2, "https-8080", LatticeListenerProtocol.Https, "https")]
    [InlineData(ServiceProtocol.Grpc, "https-8080", LatticeListenerProtocol.Https, "https")]
    public void Listener_PerProtocol_HttpOrHttpsOnTheServicePort(ServiceProtocol protocol, string name, LatticeListenerProtocol expected, string scheme)
    {
        var listener = LatticeAddressing.Listener(new ServicePort { Port = 8080, Protocol = protocol })!;

        Assert.Equal(new LatticeListener(name, expected, 8080), listener);
        Assert.Equal(scheme, listener.Scheme);
    }

    [Fact]
    public void Listener_Tcp_HasNone()
    {
        Assert.Null(LatticeAddressing.Listener(new ServicePort { Port = 5432, Protocol = ServiceProtocol.Tcp }));
    }

    [Fact]
    public void SiteView_LatticeDelivery_ServedServices_OnTheCustomDomain()
    {
        var loaded = ManifestLoader.LoadText("""
            apiVersion: meshfed.dev/v1alpha1
            kind: FederatedMesh
            metadata: { name: shop }
            spec:
              trustDomain: shop.example
              sites:
                - { name: aws, provider: aws, region: us-east-1, mesh: vpc-lattice, gateway: { address: 10.0.0.1 } }
                - { name: gcp, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
              services:
                - name: orders
                  namespace: shop
                  ports: [{ port: 8080 }, { port: 9090, protocol: grpc }, { port: 5432, protocol: tcp }]
                  deployments: [{ site: aws, version: v1 }]
                - name: web
                  namespace: shop
                  ports: [{ port: 80 }]
                  deployments: [{ site: gcp, version: v1 }]
            """, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        var mesh = loaded.Mesh!;
        var aws = new SiteView(mesh, mesh.FindSite("aws")!);
        var gcp = new SiteView(mesh, mesh.FindSite("gcp")!);
        var orders = mesh.FindService("orders")!;

        var http = aws.LatticeDelivery(orders, orders.Ports[0])!;
        var grpc = aws.LatticeDelivery(orders, orders.Ports[1])!;

        Assert.True(aws.IsLattice);
        Assert.Equal(new Uri("http://orders.shop.svc.cluster.local:8080"), http.BaseUri);
        Assert.Equal(new Uri("https://orders.shop.svc.cluster.local:9090"), grpc.BaseUri);
        Assert.Equal(LatticeAddressing.ServiceName(orders), http.ServiceName);
        Assert.Null(aws.LatticeDelivery(orders, orders.Ports[2]));
        Assert.Null(aws.LatticeDelivery(mesh.FindService("web")!, mesh.FindService("web")!.Ports[0]));
        Assert.Null(gcp.LatticeDelivery(mesh.FindService("web")!, mesh.FindService("web")!.Ports[0]));
    }

    [Fact]
    public void TargetGroupNames_PerSiteVersionAndPort_ValidAndDistinct()
    {
        var mesh = new FederatedMesh { Name = "shop", TrustDomain = "t", Sites = [], Services = [] };
        var east = new Site { Name = "east", Provider = CloudProvider.Aws, Mesh = MeshKind.VpcLattice, MeshTrustDomain = "cluster.local" };
        var west = east with { Name = "west" };
        var http = new ServicePort { Port = 8080 };
        var grpc = new ServicePort { Port = 9090, Protocol = ServiceProtocol.Grpc };
        var orders = Service("orders", "shop", http, grpc);

        string[] names =
        [
            LatticeAddressing.VersionTargetGroupName(mesh, east, orders, "v1", http),
            LatticeAddressing.VersionTargetGroupName(mesh, east, orders, "v1", grpc),
            LatticeAddressing.VersionTargetGroupName(mesh, east, orders, "v2", http),
            LatticeAddressing.VersionTargetGroupName(mesh, west, orders, "v1", http),
            LatticeAddressing.GatewayTargetGroupName(mesh, east, orders, http),
            LatticeAddressing.GatewayTargetGroupName(mesh, east, orders, grpc),
        ];

        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, n => Assert.True(LatticeNames.IsValid(n, 3, LatticeAddressing.MaxTargetGroupNameLength, "tg-"), n));
        Assert.StartsWith("orders-shop-meshfed-gateway-http2-", names[5]);
    }
}
