namespace MeshFed.Model.Validation;

/// <summary>
/// The ranges the gateway's resilience library (Polly v8) accepts. Polly checks them when a pipeline is built,
/// which in the gateway is at request time, so a value outside would fail requests instead of the manifest:
/// <c>TimeoutStrategyOptions.Timeout</c> is <c>[Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]</c>
/// (App-vNext/Polly <c>src/Polly.Core/Timeout/TimeoutStrategyOptions.cs</c>, Polly.Core 8.9.1), and
/// <c>RetryStrategyOptions.MaxRetryAttempts</c> is at least 1 (0 attempts here means no retry strategy at all;
/// the binder caps attempts at 10).
/// </summary>
public static class ResilienceLimits
{
    /// <summary>The shortest timeout or per-try timeout.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest timeout or per-try timeout.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>Whether Polly takes <paramref name="timeout"/>.</summary>
    public static bool IsValidTimeout(TimeSpan timeout) => timeout >= MinTimeout && timeout <= MaxTimeout;
}
