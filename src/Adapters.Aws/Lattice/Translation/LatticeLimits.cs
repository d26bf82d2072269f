namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// What VPC Lattice accepts. Fixed limits come from the Smithy model vpc-lattice-2022-11-30; default quotas,
/// which AWS can raise, from "Quotas for Amazon VPC Lattice" (docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html).
/// meshfed checks the defaults: a raised quota is not visible from the manifest.
/// </summary>
public static class LatticeLimits
{
    /// <summary>Default quota "Listeners per service".</summary>
    public const int ListenersPerService = 2;

    /// <summary>Default quota "Rules per listener" (the default rule not counted).</summary>
    public const int RulesPerListener = 10;

    /// <summary>Default quota "Target groups per service".</summary>
    public const int TargetGroupsPerService = 10;

    /// <summary>Quota "Auth policy size" (not adjustable): 10 KB.</summary>
    public const int AuthPolicyBytes = 10 * 1024;

    /// <summary>RulePriority: 1–100 (Smithy model).</summary>
    public const int MaxRulePriority = 100;

    /// <summary>WeightedTargetGroupList: 1–10 per forward action (Smithy model).</summary>
    public const int MaxWeightedTargetGroups = 10;

    /// <summary>HeaderMatchList: 1–5 per rule (Smithy model).</summary>
    public const int MaxHeaderMatches = 5;

    /// <summary>PathMatchExact / PathMatchPrefix: 1–200 characters (Smithy model).</summary>
    public const int MaxPathLength = 200;

    /// <summary>HeaderMatchExact / Prefix / Contains: 1–200 characters (Smithy model).</summary>
    public const int MaxHeaderValueLength = 200;

    /// <summary>Targets per RegisterTargets call (Smithy model, TargetList).</summary>
    public const int MaxTargetsPerCall = 100;

    /// <summary>The characters PathMatchExact and PathMatchPrefix accept after the leading '/' (Smithy model pattern).</summary>
    public static bool IsPathCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "@:%_+.~#?&/=-".Contains(c);
}
