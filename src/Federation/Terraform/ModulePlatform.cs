using MeshFed.Model;

namespace MeshFed.Federation.Terraform;

/// <summary>
/// The manifest's <c>gateway.platform</c> in the words of the module that provisions the site's gateway: the
/// modules read this one value (rendered into <c>platform</c>), so what they create cannot disagree with what
/// the renderers and the gateway assume about the deployment.
/// </summary>
public static class ModulePlatform
{
    /// <summary>
    /// The module's <c>platform</c> for <paramref name="site"/>'s gateway, or null when its provider's module has
    /// no such platform (aws-gateway: ecs, eks; gcp-gateway: gke, mig for <c>vm</c>; onprem-gateway: kubernetes,
    /// vm).
    /// </summary>
    public static string? Of(Site site, SiteGateway gateway) => (site.Provider, gateway.Platform) switch
    {
        (CloudProvider.Aws, GatewayPlatform.Ecs) => "ecs",
        (CloudProvider.Aws, GatewayPlatform.Eks) => "eks",
        (CloudProvider.Gcp, GatewayPlatform.Gke) => "gke",
        // A regional managed instance group of Container-Optimized OS VMs (gcp-gateway mig.tf).
        (CloudProvider.Gcp, GatewayPlatform.Vm) => "mig",
        (CloudProvider.OnPrem, GatewayPlatform.Kubernetes) => "kubernetes",
        (CloudProvider.OnPrem, GatewayPlatform.Vm) => "vm",
        _ => null,
    };

    /// <summary>The manifest words the module for <paramref name="provider"/> can provision, for diagnostics.</summary>
    public static IReadOnlyList<string> Provisioned(CloudProvider provider) => provider switch
    {
        CloudProvider.Aws => ["ecs", "eks"],
        CloudProvider.Gcp => ["gke", "vm"],
        _ => ["kubernetes", "vm"],
    };
}
