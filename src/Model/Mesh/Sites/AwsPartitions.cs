namespace MeshFed.Model;

/// <summary>
/// Which AWS partition a region belongs to, so an ARN written for a site can be checked against the site's region.
/// The region prefixes are those of the SDKs' partition table (botocore and aws-sdk-go-v2 <c>partitions.json</c>,
/// <c>regionRegex</c>): China <c>cn-</c>, GovCloud <c>us-gov-</c>, the isolated and sovereign partitions; every
/// other region is in <c>aws</c> ("Partitions", https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
/// </summary>
public static class AwsPartitions
{
    private static readonly (string Prefix, string Partition)[] s_prefixes =
    [
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-iso-", "aws-iso"),
        ("us-isob-", "aws-iso-b"),
        ("eu-isoe-", "aws-iso-e"),
        ("us-isof-", "aws-iso-f"),
        ("eusc-", "aws-eusc"),
    ];

    /// <summary>The partition of <paramref name="region"/>.</summary>
    public static string OfRegion(string region)
    {
        foreach (var (prefix, partition) in s_prefixes)
        {
            if (region.StartsWith(prefix, StringComparison.Ordinal))
                return partition;
        }
        return "aws";
    }
}
