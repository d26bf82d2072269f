namespace MeshFed.Model;

/// <summary>How failed attempts are retried.</summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt (0 disables retries).</summary>
    public required int Attempts { get; init; }

    /// <summary>Timeout of each attempt; null means the route's timeout bounds them all.</summary>
    public TimeSpan? PerTryTimeout { get; init; }

    /// <summary>Which failures are retried; <c>5xx</c>, <c>reset</c>, <c>connect-failure</c> when not given.</summary>
    public IReadOnlyList<RetryCondition> On { get; init; } = DefaultConditions;

    /// <summary>The conditions used when a manifest names none.</summary>
    public static IReadOnlyList<RetryCondition> DefaultConditions { get; } =
        [RetryCondition.ServerError, RetryCondition.Reset, RetryCondition.ConnectFailure];
}
