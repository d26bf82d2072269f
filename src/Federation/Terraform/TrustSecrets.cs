using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// How the trust secrets of a site are named, per cloud. AWS Secrets Manager allows paths
/// (<c>meshfed/shop/aws-use1/gateway.key</c>); GCP Secret Manager ids allow only letters, digits, '-' and '_'.
/// On-prem hosts read the files from a folder the operator fills, so there are no secret names.
/// </summary>
public static class TrustSecrets
{
    /// <summary>The secret names for <paramref name="site"/> of <paramref name="meshName"/>, or null on-prem.</summary>
    public static TrustSecretNames? For(string meshName, Site site) => site.Provider switch
    {
        CloudProvider.Aws => Named(file => $"meshfed/{meshName}/{site.Name}/{file}"),
        CloudProvider.Gcp => Named(file => $"meshfed-{meshName}-{site.Name}-{file.Replace('.', '-')}"),
        _ => null,
    };

    private static TrustSecretNames Named(Func<string, string> name) => new()
    {
        Bundle = name("bundle.pem"),
        Certificate = name("gateway.crt"),
        PrivateKey = name("gateway.key"),
    };
}
