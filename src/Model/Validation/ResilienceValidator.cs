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
            foreach (var route in traffic.Routes)
            {
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
