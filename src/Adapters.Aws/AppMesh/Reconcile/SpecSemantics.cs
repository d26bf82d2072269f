namespace MeshFed.Adapters.Aws.AppMesh.Reconcile;

/// <summary>
/// What App Mesh does to a spec of one kind between the write and the describe, so that
/// <see cref="SpecDiff"/> does not call it a difference. For every kind: unset, null, an empty list and an
/// empty object are the same (the controller's <c>cmpopts.EquateEmpty()</c>), and numbers compare by value.
/// Per kind: members App Mesh fills in when the desired spec leaves them unset (the controller's
/// <c>IgnoreLeftHandUnset</c>, aws-app-mesh-controller-for-k8s <c>pkg/equality/</c>).
/// </summary>
public sealed record SpecSemantics
{
    /// <summary>
    /// Paths of members App Mesh fills in when the desired spec leaves them unset, member names joined by
    /// <c>.</c>, <c>[]</c> for every item of a list (<c>listeners[].healthCheck.port</c>). When the desired
    /// spec sets them they are compared as usual.
    /// </summary>
    public IReadOnlyList<string> FilledInWhenUnset { get; init; } = [];

    /// <summary>The semantics of <paramref name="kind"/>.</summary>
    public static SpecSemantics Of(AppMeshResourceKind kind) => kind switch
    {
        // A health check without a port checks the listener's port, and App Mesh then describes it with that
        // port: the controller ignores it when its own spec leaves it unset (pkg/equality/virtualnode_types_equality.go,
        // CompareOptionForHealthCheckPolicy; virtualgateway_types_equality.go, the VirtualGatewayHealthCheckPolicy
        // twin). API reference, HealthCheckPolicy.port: "The destination port for the health check request.
        // This port must match the port defined in the PortMapping for the listener."
        AppMeshResourceKind.VirtualNode or AppMeshResourceKind.VirtualGateway => s_listenerHealthCheckPort,
        _ => Default,
    };

    /// <summary>Only the rules every kind has.</summary>
    public static SpecSemantics Default { get; } = new();

    private static readonly SpecSemantics s_listenerHealthCheckPort = new() { FilledInWhenUnset = ["listeners[].healthCheck.port"] };
}
