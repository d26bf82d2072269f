using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds a retry policy (<c>traffic.retries</c> and a route's <c>retries</c>).</summary>
internal static class RetryBinder
{
    /// <summary>The most retries a policy may ask for (App Mesh and Istio take more; nobody should).</summary>
    public const int MaxRetryAttempts = 10;

    public static readonly ObjectShape Shape = new("retries", "a retry policy",
    [
        Field.Required("attempts", new WholeNumberRule(0, MaxRetryAttempts), "Retries after the first try."),
        Field.Optional("perTryTimeout", DurationRule.Instance),
        Field.Optional("on", new ListRule(WordRule.Of<RetryCondition>()), "What is retried (default: 5xx, reset, connect-failure)."),
    ]);

    public static RetryPolicy? Bind(BindContext context, ManifestNode node, string path)
    {
        var retries = ObjectReader.Open(context, node, path, Shape);
        if (retries is null)
            return null;
        var attempts = retries.Int("attempts");
        var perTry = retries.Duration("perTryTimeout");
        var on = retries.Has("on") ? retries.EnumList<RetryCondition>("on") : RetryPolicy.DefaultConditions;
        return attempts is null ? null : new RetryPolicy { Attempts = attempts.Value, PerTryTimeout = perTry, On = on };
    }
}
