using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.Lattice.Client;

/// <summary>
/// The VPC Lattice operations meshfed calls, as restJson1 requests: method, path and where each member goes
/// (label, query or body), as the Smithy model vpc-lattice-2022-11-30 declares them (its <c>smithy.api#http</c>,
/// <c>httpLabel</c> and <c>httpQuery</c> traits). Pure: SDK conformance tests compare them, through the client,
/// with what <c>@aws-sdk/client-vpc-lattice</c> sends.
/// </summary>
public static class LatticeRequests
{
    private static readonly HttpMethod s_patch = HttpMethod.Patch;

    /// <summary>
    /// The Create (or Put/Register) call of a rendered file whose placeholders are resolved: label members leave the
    /// body for the path; Create operations get <paramref name="clientToken"/> (their idempotency token, so a retried
    /// create is one logical request).
    /// </summary>
    public static LatticeRequest Create(LatticeOperation operation, JsonObject input, string clientToken)
    {
        var body = input.DeepClone().AsObject();
        string Label(string member)
        {
            var value = (string?)body[member] ?? throw new ArgumentException($"{operation} input has no {member}", nameof(input));
            body.Remove(member);
            return Escape(value);
        }
        var (method, path, idempotent) = operation switch
        {
            LatticeOperation.CreateServiceNetwork => (HttpMethod.Post, "/servicenetworks", true),
            LatticeOperation.CreateServiceNetworkVpcAssociation => (HttpMethod.Post, "/servicenetworkvpcassociations", true),
            LatticeOperation.CreateServiceNetworkServiceAssociation => (HttpMethod.Post, "/servicenetworkserviceassociations", true),
            LatticeOperation.CreateService => (HttpMethod.Post, "/services", true),
            LatticeOperation.CreateTargetGroup => (HttpMethod.Post, "/targetgroups", true),
            LatticeOperation.CreateListener => (HttpMethod.Post, $"/services/{Label("serviceIdentifier")}/listeners", true),
            LatticeOperation.CreateRule => (HttpMethod.Post, $"/services/{Label("serviceIdentifier")}/listeners/{Label("listenerIdentifier")}/rules", true),
            LatticeOperation.RegisterTargets => (HttpMethod.Post, $"/targetgroups/{Label("targetGroupIdentifier")}/registertargets", false),
            LatticeOperation.PutAuthPolicy => (HttpMethod.Put, $"/authpolicy/{Label("resourceIdentifier")}", false),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
        if (idempotent)
            body["clientToken"] = clientToken;
        return new LatticeRequest(method, path, [], body);
    }

    /// <summary>GetServiceNetwork.</summary>
    public static LatticeRequest GetServiceNetwork(string id) => Get($"/servicenetworks/{Escape(id)}");

    /// <summary>GetService.</summary>
    public static LatticeRequest GetService(string id) => Get($"/services/{Escape(id)}");

    /// <summary>GetListener.</summary>
    public static LatticeRequest GetListener(string serviceId, string listenerId) => Get($"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}");

    /// <summary>GetRule.</summary>
    public static LatticeRequest GetRule(string serviceId, string listenerId, string ruleId) =>
        Get($"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}/rules/{Escape(ruleId)}");

    /// <summary>GetTargetGroup.</summary>
    public static LatticeRequest GetTargetGroup(string id) => Get($"/targetgroups/{Escape(id)}");

    /// <summary>GetAuthPolicy.</summary>
    public static LatticeRequest GetAuthPolicy(string resourceId) => Get($"/authpolicy/{Escape(resourceId)}");

    /// <summary>ListServiceNetworks (first page).</summary>
    public static LatticeRequest ListServiceNetworks() => Get("/servicenetworks");

    /// <summary>ListServices (first page).</summary>
    public static LatticeRequest ListServices() => Get("/services");

    /// <summary>ListTargetGroups (first page).</summary>
    public static LatticeRequest ListTargetGroups() => Get("/targetgroups");

    /// <summary>ListListeners of a service (first page).</summary>
    public static LatticeRequest ListListeners(string serviceId) => Get($"/services/{Escape(serviceId)}/listeners");

    /// <summary>ListRules of a listener (first page).</summary>
    public static LatticeRequest ListRules(string serviceId, string listenerId) => Get($"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}/rules");

    /// <summary>ListServiceNetworkVpcAssociations of a network (first page).</summary>
    public static LatticeRequest ListServiceNetworkVpcAssociations(string serviceNetworkId) =>
        new(HttpMethod.Get, "/servicenetworkvpcassociations", [new("serviceNetworkIdentifier", serviceNetworkId)], null);

    /// <summary>ListServiceNetworkVpcAssociations of a VPC, whichever network (first page).</summary>
    public static LatticeRequest ListVpcAssociationsOfVpc(string vpcId) =>
        new(HttpMethod.Get, "/servicenetworkvpcassociations", [new("vpcIdentifier", vpcId)], null);

    /// <summary>ListServiceNetworkServiceAssociations of a network (first page).</summary>
    public static LatticeRequest ListServiceNetworkServiceAssociations(string serviceNetworkId) =>
        new(HttpMethod.Get, "/servicenetworkserviceassociations", [new("serviceNetworkIdentifier", serviceNetworkId)], null);

    /// <summary>ListTargets of a target group (first page; a POST whose body may filter, empty here).</summary>
    public static LatticeRequest ListTargets(string targetGroupId) => new(HttpMethod.Post, $"/targetgroups/{Escape(targetGroupId)}/listtargets", [], []);

    /// <summary>The same list request for the page after <paramref name="nextToken"/>, at most <paramref name="maxResults"/> items.</summary>
    public static LatticeRequest Page(LatticeRequest list, int maxResults, string? nextToken) =>
        list with { Query = [.. list.Query, new("maxResults", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. nextToken is null ? [] : new KeyValuePair<string, string>[] { new("nextToken", nextToken) }] };

    /// <summary>UpdateServiceNetwork.</summary>
    public static LatticeRequest UpdateServiceNetwork(string id, JsonObject members) => new(s_patch, $"/servicenetworks/{Escape(id)}", [], members);

    /// <summary>UpdateService.</summary>
    public static LatticeRequest UpdateService(string id, JsonObject members) => new(s_patch, $"/services/{Escape(id)}", [], members);

    /// <summary>UpdateListener.</summary>
    public static LatticeRequest UpdateListener(string serviceId, string listenerId, JsonObject members) =>
        new(s_patch, $"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}", [], members);

    /// <summary>UpdateRule.</summary>
    public static LatticeRequest UpdateRule(string serviceId, string listenerId, string ruleId, JsonObject members) =>
        new(s_patch, $"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}/rules/{Escape(ruleId)}", [], members);

    /// <summary>UpdateTargetGroup.</summary>
    public static LatticeRequest UpdateTargetGroup(string id, JsonObject members) => new(s_patch, $"/targetgroups/{Escape(id)}", [], members);

    /// <summary>DeleteServiceNetwork.</summary>
    public static LatticeRequest DeleteServiceNetwork(string id) => Delete($"/servicenetworks/{Escape(id)}");

    /// <summary>DeleteServiceNetworkVpcAssociation.</summary>
    public static LatticeRequest DeleteServiceNetworkVpcAssociation(string id) => Delete($"/servicenetworkvpcassociations/{Escape(id)}");

    /// <summary>DeleteServiceNetworkServiceAssociation.</summary>
    public static LatticeRequest DeleteServiceNetworkServiceAssociation(string id) => Delete($"/servicenetworkserviceassociations/{Escape(id)}");

    /// <summary>DeleteService.</summary>
    public static LatticeRequest DeleteService(string id) => Delete($"/services/{Escape(id)}");

    /// <summary>DeleteListener.</summary>
    public static LatticeRequest DeleteListener(string serviceId, string listenerId) => Delete($"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}");

    /// <summary>DeleteRule.</summary>
    public static LatticeRequest DeleteRule(string serviceId, string listenerId, string ruleId) =>
        Delete($"/services/{Escape(serviceId)}/listeners/{Escape(listenerId)}/rules/{Escape(ruleId)}");

    /// <summary>DeleteTargetGroup.</summary>
    public static LatticeRequest DeleteTargetGroup(string id) => Delete($"/targetgroups/{Escape(id)}");

    /// <summary>DeleteAuthPolicy.</summary>
    public static LatticeRequest DeleteAuthPolicy(string resourceId) => Delete($"/authpolicy/{Escape(resourceId)}");

    /// <summary>ListTagsForResource: the ARN is one path label (its '/' and ':' percent-encoded).</summary>
    public static LatticeRequest ListTagsForResource(string arn) => Get($"/tags/{Escape(arn)}");

    /// <summary>TagResource.</summary>
    public static LatticeRequest TagResource(string arn, IReadOnlyDictionary<string, string> tags) =>
        new(HttpMethod.Post, $"/tags/{Escape(arn)}", [], new JsonObject { ["tags"] = new JsonObject([.. tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))]) });

    private static LatticeRequest Get(string path) => new(HttpMethod.Get, path, [], null);

    private static LatticeRequest Delete(string path) => new(HttpMethod.Delete, path, [], null);

    // A label is one path segment: RFC 3986 unreserved characters stay, everything else is percent-encoded.
    private static string Escape(string label) => Uri.EscapeDataString(label);
}
