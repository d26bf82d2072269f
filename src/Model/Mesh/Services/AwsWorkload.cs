namespace MeshFed.Model;

/// <summary>
/// What a deployment's workloads are on AWS: the IAM role its ECS tasks or EKS pods run as. On a VPC Lattice site
/// that role is how Lattice knows the caller (SigV4), so the role is the one fact that ties a Lattice caller to its
/// service: the auth policies admit the service by <c>aws:PrincipalArn</c>, and the meshfed gateway names a caller
/// Lattice authenticated as that role by the service's SPIFFE ID (docs/lattice-datapath.md).
/// </summary>
public sealed record AwsWorkload
{
    /// <summary>The task or pod role (an IAM role ARN); one service per role on a site.</summary>
    public required IamRoleArn Role { get; init; }
}
