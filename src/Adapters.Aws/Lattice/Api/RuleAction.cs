namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>RuleAction (a union: exactly one member is set).</summary>
public sealed record RuleAction
{
    /// <summary>Forward to weighted target groups.</summary>
    public ForwardAction? Forward { get; init; }

    /// <summary>Answer with a fixed status.</summary>
    public FixedResponseAction? FixedResponse { get; init; }

    /// <summary>Forward to these target groups.</summary>
    public static RuleAction To(IReadOnlyList<WeightedTargetGroup> targetGroups) => new() { Forward = new ForwardAction(targetGroups) };

    /// <summary>Answer <paramref name="statusCode"/>.</summary>
    public static RuleAction Status(int statusCode) => new() { FixedResponse = new FixedResponseAction(statusCode) };
}

/// <summary>ForwardAction: 1–10 weighted target groups.</summary>
/// <param name="TargetGroups">The target groups.</param>
public sealed record ForwardAction(IReadOnlyList<WeightedTargetGroup> TargetGroups);

/// <summary>WeightedTargetGroup: weight 0–999.</summary>
/// <param name="TargetGroupIdentifier">The target group (a placeholder until it exists).</param>
/// <param name="Weight">Its share.</param>
public sealed record WeightedTargetGroup(string TargetGroupIdentifier, int Weight);

/// <summary>FixedResponseAction.</summary>
/// <param name="StatusCode">100–599.</param>
public sealed record FixedResponseAction(int StatusCode);
