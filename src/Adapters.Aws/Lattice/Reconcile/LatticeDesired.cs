using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>
/// One rendered call as plan and apply see it: the resource it makes (kind, name, parent), the call and its
/// input, with the apply inputs (<c>{{input:…}}</c>) filled in and the ids of other resources still placeholders.
/// </summary>
public sealed record LatticeDesired
{
    /// <summary>The kind.</summary>
    public required LatticeResourceKind Kind { get; init; }

    /// <summary>The name (for associations, auth policies and targets: the service's, VPC's or target group's).</summary>
    public required string Name { get; init; }

    /// <summary>What the name is unique under: the service of a listener, <c>service/listener</c> of a rule, the network of an association.</summary>
    public string? Parent { get; init; }

    /// <summary>The call that creates it.</summary>
    public required LatticeOperation Operation { get; init; }

    /// <summary>The call's input.</summary>
    public required JsonObject Input { get; init; }

    /// <summary>The placeholder other inputs name this resource's id by, when they do.</summary>
    public string? Placeholder { get; init; }

    /// <summary>The resources of <paramref name="rendering"/> with <paramref name="inputs"/> filled in; throws when the rendering needs an input not given.</summary>
    public static IReadOnlyList<LatticeDesired> From(LatticeRendering rendering, LatticeApplyInputs inputs)
    {
        var result = new List<LatticeDesired>();
        foreach (var resource in rendering.Resources)
        {
            var input = (JsonObject)LatticePlaceholders.Resolve(JsonNode.Parse(resource.ToJson()), inputs.Resolve)!;
            var missing = LatticePlaceholders.Unresolved(input).FirstOrDefault(p => p.StartsWith("{{input:", StringComparison.Ordinal));
            if (missing is not null)
                throw new InvalidOperationException($"{resource.FileName(result.Count + 1)} needs {missing}: {LatticeApplyInputs.Explain(missing)}");
            result.Add(Describe(resource.Operation, input));
        }
        return result;
    }

    private static LatticeDesired Describe(LatticeOperation operation, JsonObject input)
    {
        string Member(string name) => (string)input[name]!;
        string Ref(string member, string kind) => LatticePlaceholders.NameIn(Member(member), kind)
            ?? throw new InvalidOperationException($"{operation}: {member} is not a {kind} placeholder");
        return operation switch
        {
            LatticeOperation.CreateServiceNetwork => New(LatticeResourceKind.ServiceNetwork, Member("name"), null, LatticeRefs.ServiceNetwork(Member("name"))),
            LatticeOperation.CreateServiceNetworkVpcAssociation => New(LatticeResourceKind.ServiceNetworkVpcAssociation, Member("vpcIdentifier"), Ref("serviceNetworkIdentifier", "serviceNetwork"), null),
            LatticeOperation.CreateTargetGroup => New(LatticeResourceKind.TargetGroup, Member("name"), null, LatticeRefs.TargetGroup(Member("name"))),
            LatticeOperation.RegisterTargets => New(LatticeResourceKind.Targets, Ref("targetGroupIdentifier", "targetGroup"), null, null),
            LatticeOperation.CreateService => New(LatticeResourceKind.Service, Member("name"), null, LatticeRefs.Service(Member("name"))),
            LatticeOperation.CreateServiceNetworkServiceAssociation => New(LatticeResourceKind.ServiceNetworkServiceAssociation, Ref("serviceIdentifier", "service"), Ref("serviceNetworkIdentifier", "serviceNetwork"), null),
            LatticeOperation.CreateListener => New(LatticeResourceKind.Listener, Member("name"), Ref("serviceIdentifier", "service"), LatticeRefs.Listener(Ref("serviceIdentifier", "service"), Member("name"))),
            LatticeOperation.CreateRule => New(LatticeResourceKind.Rule, Member("name"), Ref("listenerIdentifier", "listener"), null),
            LatticeOperation.PutAuthPolicy => New(LatticeResourceKind.AuthPolicy, Ref("resourceIdentifier", "service"), null, null),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };

        LatticeDesired New(LatticeResourceKind kind, string name, string? parent, string? placeholder) =>
            new() { Kind = kind, Name = name, Parent = parent, Operation = operation, Input = input, Placeholder = placeholder };
    }
}
