using MeshFed.Model.Binding.Shapes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds a (merged) manifest document to a <see cref="FederatedMesh"/>.</summary>
internal static class MeshBinder
{
    public static readonly ObjectShape MetadataShape = new("metadata", "metadata",
    [
        Field.Required("name", LabelRule.Name, "The mesh's name."),
    ]);

    public static readonly ObjectShape SpecShape = new("spec", "the spec",
    [
        Field.RequiredInManifest("trustDomain", TextRule.TrustDomain, "SPIFFE trust domain of the federation."),
        Field.RequiredInManifest("sites", new ListRule(SiteBinder.Shape) { MinItems = 1 }),
        Field.Optional("services", new ListRule(ServiceBinder.Shape)),
        Field.Optional("telemetry", TelemetryBinder.Shape),
    ]);

    /// <summary>The document: the root of the field tables, and of the JSON Schema.</summary>
    public static readonly ObjectShape Document = new("FederatedMesh", "a FederatedMesh document",
    [
        Field.Required("apiVersion", new ConstRule(FederatedMesh.ApiVersion)),
        Field.Required("kind", new ConstRule(FederatedMesh.Kind)),
        Field.Required("metadata", MetadataShape),
        Field.RequiredInManifest("spec", SpecShape),
    ])
    {
        Description = "One service mesh spanning AWS App Mesh, Istio on GCP and on-prem. Semantic rules (references, weights summing to 100, target limits, gateways) are checked by 'meshfed validate'.",
    };

    public static FederatedMesh? Bind(BindContext context, ManifestNode document)
    {
        var root = ObjectReader.Open(context, document, "", Document);
        if (root is null)
            return null;
        CheckHeader(root);
        var metadata = root.Object("metadata", (c, n, p) => ObjectReader.Open(c, n, p, MetadataShape));
        var name = metadata?.Label("name");
        var spec = root.Object("spec", (c, n, p) => ObjectReader.Open(c, n, p, SpecShape));
        if (spec is null)
            return null;
        var trustDomain = spec.String("trustDomain");
        if (trustDomain is not null && !TrustDomains.IsValid(trustDomain))
        {
            context.Error(DiagnosticCodes.InvalidValue, spec.FieldPath("trustDomain"), spec.Node("trustDomain")!.Location,
                $"'{Scalars.Truncate(trustDomain)}' is not a valid SPIFFE trust domain",
                "Use a lowercase DNS-style name such as 'shop.example' (letters, digits, '.', '-', '_').");
        }
        var sites = spec.List("sites", SiteBinder.Bind);
        var services = spec.List("services", ServiceBinder.Bind);
        var telemetry = spec.Object("telemetry", TelemetryBinder.Bind) ?? TelemetrySettings.Default;
        return new FederatedMesh
        {
            Name = name ?? "",
            TrustDomain = trustDomain ?? "",
            Sites = sites,
            Services = services,
            Telemetry = telemetry,
        };
    }

    private static void CheckHeader(ObjectReader root)
    {
        var apiVersion = root.String("apiVersion");
        if (apiVersion is not null && apiVersion != FederatedMesh.ApiVersion)
        {
            root.Context.Error(DiagnosticCodes.WrongKind, "apiVersion", root.Node("apiVersion")!.Location,
                $"apiVersion '{Scalars.Truncate(apiVersion)}' is not supported", $"Use 'apiVersion: {FederatedMesh.ApiVersion}'.");
        }
        var kind = root.String("kind");
        if (kind is not null && kind != FederatedMesh.Kind)
        {
            root.Context.Error(DiagnosticCodes.WrongKind, "kind", root.Node("kind")!.Location,
                $"kind '{Scalars.Truncate(kind)}' is not a meshfed manifest", $"Use 'kind: {FederatedMesh.Kind}'.");
        }
    }
}
