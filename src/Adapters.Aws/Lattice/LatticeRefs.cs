namespace MeshFed.Adapters.Aws.Lattice;

/// <summary>
/// Placeholders for identifiers that exist only after an earlier create, or that the manifest does not hold.
/// A rendered file says <c>{{service:orders-shop-1f0c2a9e}}</c> where the API wants the service's id:
/// <c>meshfed apply</c> replaces it with the <c>id</c> the Create operation of that resource (an earlier file of
/// the same folder, or the owned resource of that name found on resume) returned; <c>{{input:vpcId}}</c> and
/// <c>{{input:certificateArn}}</c> come from apply's options. docs/lattice.md documents the scheme.
/// </summary>
public static class LatticeRefs
{
    /// <summary>The input that names the site's VPC.</summary>
    public const string VpcId = "{{input:vpcId}}";

    /// <summary>The input that names the ACM certificate of the services' custom domains on HTTPS listeners.</summary>
    public const string CertificateArn = "{{input:certificateArn}}";

    /// <summary>The id of the service network named <paramref name="name"/>.</summary>
    public static string ServiceNetwork(string name) => $"{{{{serviceNetwork:{name}}}}}";

    /// <summary>The id of the service named <paramref name="name"/>.</summary>
    public static string Service(string name) => $"{{{{service:{name}}}}}";

    /// <summary>The id of the listener <paramref name="listener"/> of service <paramref name="service"/>.</summary>
    public static string Listener(string service, string listener) => $"{{{{listener:{service}/{listener}}}}}";

    /// <summary>The id of the target group named <paramref name="name"/>.</summary>
    public static string TargetGroup(string name) => $"{{{{targetGroup:{name}}}}}";
}
