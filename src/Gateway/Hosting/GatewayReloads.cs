using MeshFed.Gateway.Config;
using MeshFed.Gateway.Policy;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// The one way a new plan is made after start. A manifest reload and a trust rotation each build a plan from
/// the other's latest state, so both build and publish under one lock: otherwise a rotation that read the mesh
/// before a manifest reload published would publish the old mesh again, and lose the edit (R1).
/// </summary>
public sealed class GatewayReloads(GatewayState state, GatewaySettings settings, TrustReloader trust, JwksCache jwks, ILogger logger, TimeProvider? time = null)
{
    private readonly Lock _gate = new();

    /// <summary>Applied to every reloaded mesh before use (e.g. <c>meshfed up</c> moving gateways to loopback).</summary>
    public Func<FederatedMesh, FederatedMesh>? Transform { get; init; }

    /// <summary>Why the local listener cannot take h2c (<see cref="ClearTextProtocolDetection.ProblemServingH2cAsync"/>); null when it can.</summary>
    public string? H2cProblem { get; init; }

    /// <summary>Takes a reloaded manifest into use; returns why not, or null when applied.</summary>
    public string? ApplyManifest(FederatedMesh reloaded)
    {
        var mesh = Transform?.Invoke(reloaded) ?? reloaded;
        lock (_gate)
        {
            var running = state.Plan.Mesh;
            if (!string.Equals(mesh.TrustDomain, running.TrustDomain, StringComparison.Ordinal))
            {
                // Every SVID, this gateway's and its peers', names the old domain: applying it would refuse every peer (R10).
                return $"trustDomain changed from '{running.TrustDomain}' to '{mesh.TrustDomain}'; a federation changes trust domain only with new "
                    + "trust (meshfed trust init/issue) and a restart of every gateway. The running configuration stays in force.";
            }
            if (mesh.FindSite(settings.Site) is null)
                return $"site '{settings.Site}' is no longer in the manifest; this gateway keeps serving the running configuration.";
            var plan = GatewayPlan.Build(mesh, settings, trust.Generation, time);
            if (H2cProblem is not null && plan.H2cPorts.Count > 0)
                return ClearTextProtocolDetection.Refusal(H2cProblem, plan.H2cPorts) + " The running configuration stays in force.";
            state.Publish(plan);
        }
        jwks.Prefetch(JwksUris(state.Plan.View));
        return null;
    }

    /// <summary>Rebuilds the plan for rotated trust material (new clients carry the new SVID). Never throws.</summary>
    public void ApplyTrust()
    {
        try
        {
            lock (_gate)
                state.Publish(GatewayPlan.Build(state.Plan.Mesh, settings, trust.Generation, time));
            GatewayMetrics.Reloads.Add(1, new("what", "trust"), new("outcome", "applied"));
        }
        catch (Exception e) // raised from the trust reloader's timer: anything escaping would end the process
        {
            GatewayMetrics.Reloads.Add(1, new("what", "trust"), new("outcome", "error"));
            logger.LogError("Rotated trust material not taken into use ({Error}: {Reason}); the last plan stays in force.", e.GetType().Name, e.Message);
        }
    }

    /// <summary>The JWKS documents this site's gateway checks tokens against (services deployed here enforce here).</summary>
    public static IEnumerable<string> JwksUris(SiteView view) =>
        view.Mesh.Services.Where(s => s.Security.Jwt is not null && view.RunsHere(s)).Select(s => s.Security.Jwt!.JwksUri);
}
