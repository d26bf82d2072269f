namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>What meshfed manages in VPC Lattice, in dependency order: each kind refers only to kinds before it (deletes run in reverse).</summary>
public enum LatticeResourceKind
{
    /// <summary>The mesh's service network.</summary>
    ServiceNetwork,
    /// <summary>The network's association with the site's VPC.</summary>
    ServiceNetworkVpcAssociation,
    /// <summary>A target group.</summary>
    TargetGroup,
    /// <summary>The static targets registered in a target group.</summary>
    Targets,
    /// <summary>A service.</summary>
    Service,
    /// <summary>A service's association with the network.</summary>
    ServiceNetworkServiceAssociation,
    /// <summary>A listener of a service.</summary>
    Listener,
    /// <summary>A rule of a listener.</summary>
    Rule,
    /// <summary>A service's auth policy.</summary>
    AuthPolicy,
}
