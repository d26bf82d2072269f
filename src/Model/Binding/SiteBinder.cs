using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds <c>spec.sites[]</c>.</summary>
internal static class SiteBinder
{
    public static readonly ObjectShape GatewayShape = new("gateway", "a gateway",
    [
        Field.Required("address", TextRule.NotEmpty, "DNS name or IP the other sites use to reach this site's gateway."),
        Field.Optional("port", WholeNumberRule.Port, $"Peer (federation mTLS) port; default {SiteGateway.DefaultPort}."),
        Field.Optional("platform", WordRule.Of<GatewayPlatform>(), "How the gateway is deployed (default: ecs on aws, eks on aws with istio or cloud-service-mesh, gke on gcp, kubernetes on onprem)."),
    ])
    {
        Description = "This site's meshfed gateway.",
    };

    public static readonly ObjectShape MigrationShape = new("migration", "a migration",
    [
        Field.Required("from", new ConstRule(SiteMigration.FromAppMesh), "The mesh the site leaves (appmesh)."),
        Field.Required("latticeWeight", new WholeNumberRule(0, SiteMigration.FullWeight),
            "Percent of the requests reaching the site's Lattice services that Lattice's own targets serve; the rest goes through App Mesh."),
    ])
    {
        Description = "A vpc-lattice site moving off App Mesh: both hold it, Lattice splits by latticeWeight (docs/migration.md).",
    };

    public static readonly ObjectShape Shape = new("site", "a site",
    [
        Field.Required("name", LabelRule.Name, "Unique site name; appears in SPIFFE IDs and resource names."),
        Field.Required("provider", WordRule.Of<CloudProvider>(), "Where the site runs."),
        Field.Optional("mesh", WordRule.Of<MeshKind>(), "The mesh the site runs (default: appmesh on aws, istio elsewhere)."),
        Field.Optional("region", TextRule.Any, "Cloud region (required for aws)."),
        Field.Optional("project", TextRule.Any, "GCP project id (required for gcp)."),
        Field.Optional("network", LabelRule.Network),
        Field.Optional("gateway", GatewayShape),
        Field.Optional("meshTrustDomain", TextRule.TrustDomain,
            "Trust domain of the site's own mesh (default cluster.local; PROJECT.svc.id.goog on cloud-service-mesh)."),
        Field.Optional("migration", MigrationShape),
    ])
    {
        Description = "A place where workloads run.",
    };

    public static Site? Bind(BindContext context, ManifestNode node, string path)
    {
        var site = ObjectReader.Open(context, node, path, Shape);
        if (site is null)
            return null;
        var name = site.Label("name");
        var provider = site.Enum<CloudProvider>("provider");
        var mesh = site.Enum<MeshKind>("mesh");
        var region = site.String("region");
        var project = site.String("project");
        var network = site.Label("network");
        var gateway = site.Object("gateway", (c, n, p) => BindGateway(c, n, p, provider, mesh));
        var meshTrustDomain = site.String("meshTrustDomain");
        var migration = site.Object("migration", BindMigration);
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
            Migration = migration,
        };
    }

    /// <summary>The mesh a provider's sites run when the manifest does not say.</summary>
    public static MeshKind DefaultMesh(CloudProvider provider) => provider == CloudProvider.Aws ? MeshKind.AppMesh : MeshKind.Istio;

    private static SiteMigration? BindMigration(BindContext context, ManifestNode node, string path)
    {
        var migration = ObjectReader.Open(context, node, path, MigrationShape);
        if (migration is null)
            return null;
        var from = migration.String("from");
        var weight = migration.Int("latticeWeight");
        if (from is not null && from != SiteMigration.FromAppMesh)
        {
            context.Error(Diagnostics.DiagnosticCodes.InvalidValue, migration.FieldPath("from"), migration.Node("from")!.Location,
                $"meshfed migrates sites from App Mesh only, not from '{Scalars.Truncate(from)}'",
                $"Use 'from: {SiteMigration.FromAppMesh}', or remove 'migration' and change the site's mesh directly.");
            return null;
        }
        return from is null || weight is null ? null : new SiteMigration { LatticeWeight = weight.Value };
    }

    private static SiteGateway? BindGateway(BindContext context, ManifestNode node, string path, CloudProvider? provider, MeshKind? mesh)
    {
        var gateway = ObjectReader.Open(context, node, path, GatewayShape);
        if (gateway is null)
            return null;
        var address = gateway.String("address");
        var port = gateway.Int("port");
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
            Platform = platform ?? SiteGateway.DefaultPlatform(provider ?? CloudProvider.OnPrem, mesh ?? DefaultMesh(provider ?? CloudProvider.OnPrem)),
        };
    }
}
