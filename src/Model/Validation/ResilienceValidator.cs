using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Timeouts, retries and load balancing combine into something that can behave as written.</summary>
internal sealed class ResilienceValidator : IMeshValidator
{
    public void Validate(ValidationContext context)
    {
        foreach (var service in context.Mesh.Services)
        {
            var path = context.Sources.PathOf(service) + ".traffic";
            var traffic = service.Traffic;
            CheckRetries(context, traffic.Retries, traffic.Timeout, path + ".retries");
            CheckTimeout(context, traffic.Timeout, path + ".timeout");
            CheckTimeout(context, traffic.Retries?.PerTryTimeout, path + ".retries.perTryTimeout");
            foreach (var route in traffic.Routes)
            {
                CheckTimeout(context, route.Timeout, context.Sources.PathOf(route) + ".timeout");
                CheckTimeout(context, route.Retries?.PerTryTimeout, context.Sources.PathOf(route) + ".retries.perTryTimeout");
                CheckRetries(context, route.Retries ?? traffic.Retries, route.Timeout ?? traffic.Timeout,
                    context.Sources.PathOf(route) + (route.Retries is null ? ".timeout" : ".retries"));
            }
            var balancer = traffic.LoadBalancer;
            if (!context.IsClean(path + ".loadBalancer"))
                continue;
            if (balancer.Algorithm != LoadBalancingAlgorithm.RingHash && balancer.HashOn is not null)
            {
                context.Error(DiagnosticCodes.ResilienceShape, path + ".loadBalancer.hashOn",
                    $"hashOn only applies to ring-hash, but the policy is {WireNames<LoadBalancingAlgorithm>.Of(balancer.Algorithm)}",
                    "Remove hashOn, or set policy: ring-hash.");
            }
        }
    }

    // The gateway builds its Polly pipelines at request time; a value Polly refuses must fail here, not there.
    private static void CheckTimeout(ValidationContext context, TimeSpan? timeout, string path)
    {
        if (timeout is not { } value || ResilienceLimits.IsValidTimeout(value) || !context.IsClean(path))
            return;
        context.Error(DiagnosticCodes.ResilienceShape, path,
            $"{DurationText.Format(value)} is outside the range the gateway can enforce ({DurationText.Format(ResilienceLimits.MinTimeout)} to {DurationText.Format(ResilienceLimits.MaxTimeout)})",
            $"Use a duration between {DurationText.Format(ResilienceLimits.MinTimeout)} and {DurationText.Format(ResilienceLimits.MaxTimeout)}, e.g. 15s.");
    }

    private static void CheckRetries(ValidationContext context, RetryPolicy? retries, TimeSpan? timeout, string path)
    {
        if (retries is null || !context.IsClean(path))
            return;
        if (retries.Attempts > 0 && retries.On.Count == 0)
        {
            context.Error(DiagnosticCodes.ResilienceShape, path + ".on", "retries are enabled but 'on' names no failure to retry",
                "List at least one of: " + string.Join(", ", WireNames<RetryCondition>.All) + ".");
        }
        if (retries.Attempts > 0 && timeout is { } total && retries.PerTryTimeout is { } perTry && perTry >= total)
        {
            context.Warning(DiagnosticCodes.ResilienceShape, path,
                $"perTryTimeout {DurationText.Format(perTry)} is not shorter than the timeout {DurationText.Format(total)}, so a slow attempt leaves no time to retry",
                "Make perTryTimeout a fraction of the timeout, e.g. timeout / (attempts + 1).");
        }
    }
}
