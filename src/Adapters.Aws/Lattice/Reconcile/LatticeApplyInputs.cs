namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>The values a Lattice rendering leaves to apply (docs/lattice.md, "Placeholders"): they are not in the manifest.</summary>
public sealed record LatticeApplyInputs
{
    /// <summary>The site's VPC (<c>--vpc-id</c>), for <c>{{input:vpcId}}</c>.</summary>
    public string? VpcId { get; init; }

    /// <summary>The ACM certificate of the services' custom domains on HTTPS listeners (<c>--certificate-arn</c>), for <c>{{input:certificateArn}}</c>.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>The value of an input placeholder, or null when it was not given (or is not an input).</summary>
    public string? Resolve(string placeholder) => placeholder switch
    {
        LatticeRefs.VpcId => VpcId,
        LatticeRefs.CertificateArn => CertificateArn,
        _ => null,
    };

    /// <summary>How to give the input <paramref name="placeholder"/>.</summary>
    public static string Explain(string placeholder) => placeholder switch
    {
        LatticeRefs.VpcId => "name the site's VPC with --vpc-id (vpc-…)",
        LatticeRefs.CertificateArn => "services with HTTPS listeners (http2/grpc ports) need their custom domain's ACM certificate: give --certificate-arn",
        _ => "an input meshfed does not know",
    };
}
