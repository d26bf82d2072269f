using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Analysis;

/// <summary>Everything rendered for one site: its mesh documents, its gateway's hop-3 clusters, its Terraform inputs.</summary>
/// <param name="Site">The site.</param>
/// <param name="Documents">Every rendered object.</param>
internal sealed record RenderedSite(string Site, IReadOnlyList<RenderedDocument> Documents)
{
    /// <summary>
    /// What the render said it could not express (its warnings), so a rule can tell a limit the render dropped
    /// silently from one it reported. Empty for a rendering read from a folder (a render's stderr is not kept).
    /// </summary>
    public IReadOnlyList<TargetDiagnostic> Reported { get; init; } = [];

    /// <summary>The documents of one kind.</summary>
    public IEnumerable<RenderedDocument> OfKind(string kind) => Documents.Where(d => d.Kind == kind);

    /// <summary>The site's <c>terraform.tfvars.json</c>, or null when it has no gateway.</summary>
    public JsonObject? TerraformInputs => OfKind(RenderedDocument.TerraformInputsKind).FirstOrDefault()?.Body;

    /// <summary>The Istio objects of <paramref name="kind"/> whose host (or one of whose hosts) is <paramref name="host"/>.</summary>
    public IEnumerable<RenderedDocument> IstioForHost(string kind, string host) => OfKind(kind).Where(d =>
        d.Spec.Str("host") == host || d.Spec.Strings("hosts").Contains(host));

    /// <summary>The App Mesh object of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    public RenderedDocument? AppMesh(string kind, string name) => OfKind(kind).FirstOrDefault(d => d.Name == name);
}
