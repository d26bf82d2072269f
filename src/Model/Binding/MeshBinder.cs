using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding;

/// <summary>Binds a (merged) manifest document to a <see cref="FederatedMesh"/>.</summary>
internal static class MeshBinder
{
    public static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec"];
    public static readonly string[] MetadataFields = ["name"];
    public static readonly string[] SpecFields = ["trustDomain", "sites", "services", "telemetry"];

    public static FederatedMesh? Bind(BindContext context, ManifestNode document)
    {
        var root = ObjectReader.Open(context, document, "", "a FederatedMesh document", RootFields);
        if (root is null)
            return null;
        CheckHeader(root);
        var metadata = root.Object("metadata", (c, n, p) => ObjectReader.Open(c, n, p, "metadata", MetadataFields), required: true);
        var name = metadata?.Name("name", required: true);
        var spec = root.Object("spec", (c, n, p) => ObjectReader.Open(c, n, p, "the spec", SpecFields), required: true);
        if (spec is null)
            return null;
        var trustDomain = spec.String("trustDomain", required: true);
        if (trustDomain is not null && !TrustDomains.IsValid(trustDomain))
        {
            context.Error(DiagnosticCodes.InvalidValue, spec.FieldPath("trustDomain"), spec.Node("trustDomain")!.Location,
                $"'{Scalars.Truncate(trustDomain)}' is not a valid SPIFFE trust domain",
                "Use a lowercase DNS-style name such as 'shop.example' (letters, digits, '.', '-', '_').");
        }
        var sites = spec.List("sites", SiteBinder.Bind, required: true, nonEmpty: true);
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
        var apiVersion = root.String("apiVersion", required: true);
        if (apiVersion is not null && apiVersion != FederatedMesh.ApiVersion)
        {
            root.Context.Error(DiagnosticCodes.WrongKind, "apiVersion", root.Node("apiVersion")!.Location,
                $"apiVersion '{Scalars.Truncate(apiVersion)}' is not supported", $"Use 'apiVersion: {FederatedMesh.ApiVersion}'.");
        }
        var kind = root.String("kind", required: true);
        if (kind is not null && kind != FederatedMesh.Kind)
        {
            root.Context.Error(DiagnosticCodes.WrongKind, "kind", root.Node("kind")!.Location,
                $"kind '{Scalars.Truncate(kind)}' is not a meshfed manifest", $"Use 'kind: {FederatedMesh.Kind}'.");
        }
    }
}
