using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>The VPC Lattice operation a rendered file is the input of, named as the AWS CLI command (<c>aws vpc-lattice create-service</c>).</summary>
public enum LatticeOperation
{
    /// <summary>CreateServiceNetwork.</summary>
    [WireName("create-service-network")] CreateServiceNetwork,
    /// <summary>CreateServiceNetworkVpcAssociation.</summary>
    [WireName("create-service-network-vpc-association")] CreateServiceNetworkVpcAssociation,
    /// <summary>CreateTargetGroup.</summary>
    [WireName("create-target-group")] CreateTargetGroup,
    /// <summary>RegisterTargets.</summary>
    [WireName("register-targets")] RegisterTargets,
    /// <summary>CreateService.</summary>
    [WireName("create-service")] CreateService,
    /// <summary>CreateServiceNetworkServiceAssociation.</summary>
    [WireName("create-service-network-service-association")] CreateServiceNetworkServiceAssociation,
    /// <summary>CreateListener.</summary>
    [WireName("create-listener")] CreateListener,
    /// <summary>CreateRule.</summary>
    [WireName("create-rule")] CreateRule,
    /// <summary>PutAuthPolicy.</summary>
    [WireName("put-auth-policy")] PutAuthPolicy,
}
