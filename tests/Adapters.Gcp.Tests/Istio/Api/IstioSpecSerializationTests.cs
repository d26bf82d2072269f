using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Gcp.Tests.Istio.Api;

/// <summary>
/// The JSON the typed Istio specs become where the shape is subtle: oneOf members (exactly one written), enums
/// in Istio's spelling, numbers that must stay numbers, map keys that must become strings, maps in the order
/// given, and nothing written for unset members (Istio's schemas reject some explicit nulls).
/// </summary>
public sealed class IstioSpecSerializationTests
{
    private static string Json(IstioSpec spec) => JsonSerializer.Serialize(spec, IstioJsonContext.Default.IstioSpec);

    // A match request is only ever written inside a VirtualService: write one and read the match back out.
    private static string Json(HttpMatchRequest match) =>
        JsonNode.Parse(Json(new VirtualServiceSpec(["h"], [new HttpRoute("r", [match], [], Timeout: null, HttpRetry.None)])))!["http"]![0]!["match"]![0]!.ToJsonString();

    [Theory]
    [InlineData("exact", """{"uri":{"exact":"/a"}}""")]
    [InlineData("prefix", """{"uri":{"prefix":"/a"}}""")]
    [InlineData("regex", """{"uri":{"regex":"/a"}}""")]
    public void StringMatch_EachKind_WritesOnlyItsOwnMember(string kind, string expected)
    {
        var match = kind switch
        {
            "exact" => StringMatch.Exact("/a"),
            "prefix" => StringMatch.Prefix("/a"),
            _ => StringMatch.Regex("/a"),
        };

        Assert.Equal(expected, Json(new HttpMatchRequest(Uri: match)));
    }

    [Fact]
    public void HttpMatchRequest_PortAndMaps_PortIsANumberAndMapsKeepTheirOrder()
    {
        var headers = new OrderedDictionary<string, StringMatch> { ["x-b"] = StringMatch.Exact("1"), ["x-a"] = StringMatch.Regex(".*") };

        var json = Json(new HttpMatchRequest(Headers: headers, Port: 8080));

        Assert.Equal("""{"headers":{"x-b":{"exact":"1"},"x-a":{"regex":".*"}},"port":8080}""", json);
    }

    [Fact]
    public void HttpRoute_DurationsAndRetries_AreIstioDurationStrings()
    {
        var route = new HttpRoute("r", Match: null, [new HttpRouteDestination(new Destination("h", "v1"), 100)], "1500ms", new HttpRetry(2, "250ms", "5xx,reset"));

        var json = Json(new VirtualServiceSpec(["h"], [route]));

        Assert.Equal(
            """{"hosts":["h"],"http":[{"name":"r","route":[{"destination":{"host":"h","subset":"v1"},"weight":100}],"timeout":"1500ms","retries":{"attempts":2,"perTryTimeout":"250ms","retryOn":"5xx,reset"}}]}""",
            json);
    }

    [Fact]
    public void HttpRouteDestination_ToAPort_WritesPortNumberAndSetHeadersInOrder()
    {
        var route = new HttpRoute("r", null,
            [new HttpRouteDestination(new Destination("gw", Port: new PortSelector(15001)), 25, new Headers(new HeaderOperations(Labels.Of(("x-site", "b"), ("x-version", "v2")))))],
            null, HttpRetry.None);

        var json = Json(new VirtualServiceSpec(["h"], [route]));

        Assert.Contains("""{"destination":{"host":"gw","port":{"number":15001}},"weight":25,"headers":{"request":{"set":{"x-site":"b","x-version":"v2"}}}}""", json);
    }

    [Fact]
    public void TcpRoute_MatchesAPortNumber()
    {
        var json = Json(new VirtualServiceSpec(["h"], Tcp: [new TcpRoute([new L4MatchAttributes(5432)], [new RouteDestination(new Destination("h", "v1"), 100)])]));

        Assert.Equal("""{"hosts":["h"],"tcp":[{"match":[{"port":5432}],"route":[{"destination":{"host":"h","subset":"v1"},"weight":100}]}]}""", json);
    }

    [Fact]
    public void ConsistentHashLb_EachKey_WritesOnlyItsOwnMember()
    {
        static string Hash(ConsistentHashLb hash) =>
            Json(new DestinationRuleSpec("h", new TrafficPolicy(new LoadBalancerSettings(ConsistentHash: hash))));

        Assert.Equal("""{"host":"h","trafficPolicy":{"loadBalancer":{"consistentHash":{"useSourceIp":true}}}}""", Hash(ConsistentHashLb.SourceIp));
        Assert.Equal("""{"host":"h","trafficPolicy":{"loadBalancer":{"consistentHash":{"httpHeaderName":"x-user"}}}}""", Hash(ConsistentHashLb.Header("x-user")));
        Assert.Equal("""{"host":"h","trafficPolicy":{"loadBalancer":{"consistentHash":{"httpCookie":{"name":"s","ttl":"0s"}}}}}""", Hash(ConsistentHashLb.Cookie(new HttpCookie("s", "0s"))));
    }

    [Fact]
    public void DestinationRule_EnumsAndSubsets_InIstioSpellingAndEmptySubsetsWritten()
    {
        var policy = new TrafficPolicy(
            new LoadBalancerSettings(SimpleLb.LeastRequest, LocalityLbSetting: new LocalityLoadBalancerSetting(true, [new LocalityFailover("us", "eu")])),
            new ConnectionPoolSettings(new TcpSettings(10), new HttpSettings(Http2MaxRequests: 5, H2UpgradePolicy: H2UpgradePolicy.Upgrade)),
            new OutlierDetection(5, "10s", "30s", 10),
            new ClientTlsSettings(TlsMode.IstioMutual));

        var json = Json(new DestinationRuleSpec("h", policy, []));

        Assert.Equal(
            """{"host":"h","trafficPolicy":{"loadBalancer":{"simple":"LEAST_REQUEST","localityLbSetting":{"enabled":true,"failover":[{"from":"us","to":"eu"}]}},"connectionPool":{"tcp":{"maxConnections":10},"http":{"http2MaxRequests":5,"h2UpgradePolicy":"UPGRADE"}},"outlierDetection":{"consecutive5xxErrors":5,"interval":"10s","baseEjectionTime":"30s","maxEjectionPercent":10},"tls":{"mode":"ISTIO_MUTUAL"}},"subsets":[]}""",
            json);
    }

    [Fact]
    public void DestinationRule_WithoutSubsets_WritesNoSubsetsMember()
    {
        var json = Json(new DestinationRuleSpec("auth.example", new TrafficPolicy(Tls: new ClientTlsSettings(TlsMode.Simple, "auth.example"))));

        Assert.Equal("""{"host":"auth.example","trafficPolicy":{"tls":{"mode":"SIMPLE","sni":"auth.example"}}}""", json);
    }

    [Fact]
    public void PeerAuthentication_PortLevelMtls_KeyIsTheWorkloadPortAsAString()
    {
        var spec = new PeerAuthenticationSpec(WorkloadSelector.Of("app", "gw"), new MutualTls(MutualTlsMode.Strict),
            new Dictionary<int, MutualTls> { [15443] = new(MutualTlsMode.Disable) });

        Assert.Equal("""{"selector":{"matchLabels":{"app":"gw"}},"mtls":{"mode":"STRICT"},"portLevelMtls":{"15443":{"mode":"DISABLE"}}}""", Json(spec));
    }

    [Fact]
    public void ServiceEntry_PortsAndEndpoints_NumbersStayNumbers()
    {
        var spec = new ServiceEntrySpec(["a.b.svc.cluster.local"], ServiceEntryLocation.MeshInternal, [new ServicePort(8080, "HTTP", "http-8080")], ServiceEntryResolution.Static,
            [new WorkloadEntry("10.0.0.1", Labels.Of(("version", "v1")), new Dictionary<string, int> { ["http-8080"] = 9090 })]);

        Assert.Equal(
            """{"hosts":["a.b.svc.cluster.local"],"location":"MESH_INTERNAL","ports":[{"number":8080,"protocol":"HTTP","name":"http-8080"}],"resolution":"STATIC","endpoints":[{"address":"10.0.0.1","labels":{"version":"v1"},"ports":{"http-8080":9090}}]}""",
            Json(spec));
    }

    [Fact]
    public void AuthorizationPolicy_EmptyRule_MatchesEverythingAsAnEmptyObject()
    {
        var spec = new AuthorizationPolicySpec(WorkloadSelector.Of("app", "a"), AuthorizationAction.Allow,
            [new Rule(), new Rule(From: [new RuleFrom(new Source(RequestPrincipals: ["*"]))], To: [new RuleTo(new Operation(Methods: ["GET"]))])]);

        Assert.Equal(
            """{"selector":{"matchLabels":{"app":"a"}},"action":"ALLOW","rules":[{},{"from":[{"source":{"requestPrincipals":["*"]}}],"to":[{"operation":{"methods":["GET"]}}]}]}""",
            Json(spec));
    }

    [Fact]
    public void RequestAuthentication_WithoutAudiences_WritesNoAudiences()
    {
        var spec = new RequestAuthenticationSpec(WorkloadSelector.Of("app", "a"), [new JwtRule("https://idp", "https://idp/jwks", null, ForwardOriginalToken: true)]);

        Assert.Equal("""{"selector":{"matchLabels":{"app":"a"}},"jwtRules":[{"issuer":"https://idp","jwksUri":"https://idp/jwks","forwardOriginalToken":true}]}""", Json(spec));
    }

    [Fact]
    public void Labels_RepeatedKey_KeepsFirstPlaceAndLastValue()
    {
        var labels = Labels.Of(("version", "v1"), ("app", "a"), ("version", "v2"));

        Assert.Equal([new("version", "v2"), new("app", "a")], labels.ToList());
    }

    [Theory]
    [InlineData(typeof(VirtualServiceSpec), "networking.istio.io/v1", "VirtualService")]
    [InlineData(typeof(DestinationRuleSpec), "networking.istio.io/v1", "DestinationRule")]
    [InlineData(typeof(ServiceEntrySpec), "networking.istio.io/v1", "ServiceEntry")]
    [InlineData(typeof(PeerAuthenticationSpec), "security.istio.io/v1", "PeerAuthentication")]
    [InlineData(typeof(RequestAuthenticationSpec), "security.istio.io/v1", "RequestAuthentication")]
    [InlineData(typeof(AuthorizationPolicySpec), "security.istio.io/v1", "AuthorizationPolicy")]
    public void IstioResource_ToKubernetes_TakesApiVersionAndKindFromTheSpec(Type specType, string apiVersion, string kind)
    {
        IstioSpec spec = specType.Name switch
        {
            nameof(VirtualServiceSpec) => new VirtualServiceSpec(["h"]),
            nameof(DestinationRuleSpec) => new DestinationRuleSpec("h", new TrafficPolicy()),
            nameof(ServiceEntrySpec) => new ServiceEntrySpec(["h"], ServiceEntryLocation.MeshExternal, [], ServiceEntryResolution.Dns),
            nameof(PeerAuthenticationSpec) => new PeerAuthenticationSpec(WorkloadSelector.Of("app", "a"), new MutualTls(MutualTlsMode.Permissive)),
            nameof(RequestAuthenticationSpec) => new RequestAuthenticationSpec(WorkloadSelector.Of("app", "a"), []),
            _ => new AuthorizationPolicySpec(WorkloadSelector.Of("app", "a"), AuthorizationAction.Deny, []),
        };

        var resource = new IstioResource("n", "ns", spec).ToKubernetes([new("meshfed.dev/site", "s")]);

        Assert.Equal((apiVersion, kind, "n", "ns"), (resource.ApiVersion, resource.Kind, resource.Name, resource.Namespace));
        Assert.Equal(Json(spec), resource.Spec.ToJsonString());
        Assert.DoesNotContain("$type", resource.Spec.ToJsonString());
    }

    [Fact]
    public void IstioResource_ToKubernetes_InATranslationsArena_WritesTheSerializersBytes()
    {
        // The translator keeps specs in a SpecArena (bench/README.md, "Ninth session"): its writer must write what
        // JsonSerializer.SerializeToUtf8Bytes writes (the default encoder's escapes, compact), byte for byte.
        var match = new HttpMatchRequest(
            Uri: StringMatch.Regex("^/a\\.b\"c/ü<&>'$"),
            Headers: new OrderedDictionary<string, StringMatch> { ["x-" + new string('h', 300)] = StringMatch.Exact("1"), ["x-ü"] = StringMatch.Prefix("\t") },
            Port: 8080);
        IstioSpec[] specs =
        [
            new VirtualServiceSpec(["h"], [new HttpRoute("r", [match], [new HttpRouteDestination(new Destination("h", "v1"), 100)], null, new HttpRetry(3))]),
            new DestinationRuleSpec("h", new TrafficPolicy()),
            new PeerAuthenticationSpec(WorkloadSelector.Of("app", "a"), new MutualTls(MutualTlsMode.Strict)),
        ];
        var arena = new SpecArena();
        for (var round = 0; round < 200; round++)
        {
            foreach (var spec in specs)
            {
                var resource = new IstioResource("n", "ns", spec);
                Assert.Equal(resource.ToKubernetes([]).SpecUtf8.ToArray(), resource.ToKubernetes([], arena).SpecUtf8.ToArray());
            }
        }
    }

    [Fact]
    public void IstioResource_ToKubernetes_SpecIsTheSerialisedJsonWithEscapesLongNamesAndNumbers()
    {
        var longHeader = "x-" + new string('h', 200);
        var match = new HttpMatchRequest(
            Uri: StringMatch.Regex("^/a\\.b\"c/ü$"),
            Headers: new OrderedDictionary<string, StringMatch> { [longHeader] = StringMatch.Exact("1"), ["x-ü"] = StringMatch.Prefix("\t") },
            Port: 8080);
        var spec = new VirtualServiceSpec(["h"], [new HttpRoute("r", [match], [new HttpRouteDestination(new Destination("h", "v1"), 100)], null, new HttpRetry(3))]);

        var json = new IstioResource("n", "ns", spec).ToKubernetes([]).Spec;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json(spec)), json), json.ToJsonString());
        var written = json["http"]![0]!["match"]![0]!;
        Assert.Equal("^/a\\.b\"c/ü$", (string)written["uri"]!["regex"]!);
        Assert.Equal("1", (string)written["headers"]![longHeader]!["exact"]!);
        Assert.Equal(JsonValueKind.Number, written["port"]!.GetValueKind());
        Assert.Equal(8080, written["port"]!.GetValue<int>());
        Assert.Equal(3, json["http"]![0]!["retries"]!["attempts"]!.GetValue<int>());
    }
}
