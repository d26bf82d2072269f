using System.Text.RegularExpressions;

namespace MeshFed.Model;

/// <summary>
/// The ARN of an IAM role, <c>arn:PARTITION:iam::ACCOUNT:role/PATH/NAME</c> ("IAM ARNs",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-identifiers.html#identifiers-arns). A role's name is
/// unique in its account whatever its path, and case does not tell two roles apart ("IAM name requirements",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names), so
/// (partition, account, name) is the role: a session of it is <c>arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION</c>,
/// without the path.
/// </summary>
public sealed partial record IamRoleArn
{
    // The partitions of the IAM ARN reference (aws, aws-cn, aws-us-gov) and the isolated ones the SDKs'
    // partitions.json lists; the region decides which one a site is in (AwsPartitions).
    private const string PartitionPart = "aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc";

    // Path: "/" or "/…/" of printable ASCII, at most 512 characters; name: 1-64 of [\w+=,.@-] (IAM API
    // reference, CreateRole: Path and RoleName patterns).
    private const string PathAndName = "/(?:[!-~]{0,510}/)?[A-Za-z0-9_+=,.@-]{1,64}";

    /// <summary>The JSON Schema pattern of a role ARN, equivalent to <see cref="TryParse"/>.</summary>
    public const string Pattern = "^arn:(" + PartitionPart + "):iam::[0-9]{12}:role" + PathAndName + "$";

    /// <summary>The partition (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, …).</summary>
    public required string Partition { get; init; }

    /// <summary>The 12-digit account id.</summary>
    public required string Account { get; init; }

    /// <summary>The path, <c>/</c> or <c>/a/b/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The role's name.</summary>
    public required string Name { get; init; }

    /// <summary>The ARN as written: what IAM's <c>aws:PrincipalArn</c> holds for a session of the role.</summary>
    public string Arn => $"arn:{Partition}:iam::{Account}:role{Path}{Name}";

    /// <summary>True when both name the same role: same partition and account, names equal ignoring case (IAM's uniqueness).</summary>
    public bool IsSameRole(IamRoleArn other) =>
        Partition == other.Partition && Account == other.Account && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The role ARN <paramref name="text"/>, or null when it is not one.</summary>
    public static IamRoleArn? TryParse(string text)
    {
        var match = RoleArnRegex().Match(text);
        if (!match.Success)
            return null;
        var rest = match.Groups["rest"].Value;
        var slash = rest.LastIndexOf('/');
        return new IamRoleArn
        {
            Partition = match.Groups["partition"].Value,
            Account = match.Groups["account"].Value,
            Path = rest[..(slash + 1)],
            Name = rest[(slash + 1)..],
        };
    }

    /// <inheritdoc />
    public override string ToString() => Arn;

    // \z, not $: .NET's $ also matches before a final newline.
    [GeneratedRegex("^arn:(?<partition>" + PartitionPart + "):iam::(?<account>[0-9]{12}):role(?<rest>" + PathAndName + @")\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnRegex();
}
