using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.sites[]</c>.</summary>
internal static class SiteBinder
{
    public static readonly string[] Fields = ["name", "provider", "mesh", "region", "project", "network", "gateway", "meshTrustDomain"];
    public static readonly string[] GatewayFields = ["address", "port", "platform"];

    public static Site? Bind(BindContext context, ManifestNode node, string path)
    {
        var site = ObjectReader.Open(context, node, path, "a site", Fields);
        if (site is null)
            return null;
        var name = site.Name("name", required: true);
        var provider = site.Enum<CloudProvider>("provider", required: true);
        var mesh = site.Enum<MeshKind>("mesh");
        var region = site.String("region");
        var project = site.String("project");
        var network = site.Node("network") is { } networkNode ? Scalars.NetworkName(context, networkNode, site.FieldPath("network")) : null;
        var gateway = site.Object("gateway", (c, n, p) => BindGateway(c, n, p, provider));
        var meshTrustDomain = site.String("meshTrustDomain");
        if (meshTrustDomain is not null && !TrustDomains.IsValid(meshTrustDomain))
        {
            context.Error(Diagnostics.DiagnosticCodes.InvalidValue, site.FieldPath("meshTrustDomain"), site.Node("meshTrustDomain")!.Location,
                $"'{Scalars.Truncate(meshTrustDomain)}' is not a valid SPIFFE trust domain",
                "Give the trust domain of the site's own mesh in lowercase, e.g. cluster.local (Istio's default) or my-project.svc.id.goog (Cloud Service Mesh).");
            meshTrustDomain = null;
        }
        if (name is null || provider is null)
            return null;
        var meshKind = mesh ?? DefaultMesh(provider.Value);
        return new Site
        {
            Name = name,
            Provider = provider.Value,
            Mesh = meshKind,
            Region = region,
            Project = project,
            Network = network,
            Gateway = gateway,
            MeshTrustDomain = meshTrustDomain ?? Site.DefaultMeshTrustDomain(meshKind, project),
        };
    }

    /// <summary>The mesh a provider's sites run when the manifest does not say.</summary>
    public static MeshKind DefaultMesh(CloudProvider provider) => provider == CloudProvider.Aws ? MeshKind.AppMesh : MeshKind.Istio;

    private static SiteGateway? BindGateway(BindContext context, ManifestNode node, string path, CloudProvider? provider)
    {
        var gateway = ObjectReader.Open(context, node, path, "a gateway", GatewayFields);
        if (gateway is null)
            return null;
        var address = gateway.String("address", required: true);
        var port = gateway.Int("port", 1, 65535);
        var platform = gateway.Enum<GatewayPlatform>("platform");
        if (address is not null && !Addresses.IsHostOrIp(address))
        {
            context.Error(Diagnostics.DiagnosticCodes.InvalidValue, gateway.FieldPath("address"), gateway.Node("address")!.Location,
                $"'{Scalars.Truncate(address)}' is not a host name or IP address",
                "Give the DNS name or IP the other sites use to reach this gateway, without scheme or port (e.g. gw.aws-use1.shop.example).");
            return null;
        }
        return address is null ? null : new SiteGateway
        {
            Address = address,
            Port = port ?? SiteGateway.DefaultPort,
            Platform = platform ?? SiteGateway.DefaultPlatform(provider ?? CloudProvider.OnPrem),
        };
    }
}
