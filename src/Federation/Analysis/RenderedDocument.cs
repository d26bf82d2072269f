using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// One rendered object as the analyzer reads it: the YAML/JSON data a user would apply (a VirtualService, an
/// App Mesh Create input, the gateway's hop-3 cluster, the Terraform inputs), never the renderer's own model,
/// so the analysis does not share the assumptions of the code it checks.
/// </summary>
/// <param name="Site">The site it was rendered for.</param>
/// <param name="File">The file it is (or would be) written to, relative to the site's folder.</param>
/// <param name="Kind">Its kind: a Kubernetes kind, an App Mesh resource type, <see cref="GatewayClusterKind"/> or <see cref="TerraformInputsKind"/>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">Its Kubernetes namespace, or null.</param>
/// <param name="Body">The whole object, read through <see cref="Json"/>.</param>
internal sealed record RenderedDocument(string Site, string File, string Kind, string Name, string? Namespace, JsonElement Body)
{
    /// <summary>A document whose body is a tree (read from a folder, built by the analysis or changed by a test).</summary>
    public RenderedDocument(string site, string file, string kind, string name, string? @namespace, JsonObject body)
        : this(site, file, kind, name, @namespace, Json.Element(body))
    {
    }

    /// <summary>Kind of a cluster of the gateway's peer listener (where hop 3 goes), read from the gateway's plan.</summary>
    public const string GatewayClusterKind = "MeshfedGatewayCluster";

    /// <summary>Kind of a site's <c>terraform.tfvars.json</c>.</summary>
    public const string TerraformInputsKind = "TerraformInputs";

    /// <summary><c>Kind namespace/name</c>, as findings name it.</summary>
    public string Id => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The object's <c>spec</c>.</summary>
    public JsonElement? Spec => Body.At("spec");
}
