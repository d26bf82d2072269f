using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// One rendered object as the analyzer reads it: the YAML/JSON data a user would apply (a VirtualService, an
/// App Mesh Create input, the gateway's hop-3 cluster, the Terraform inputs), never the renderer's own model,
/// so the analysis does not share the assumptions of the code it checks.
/// </summary>
internal sealed record RenderedDocument
{
    // A Kubernetes object rendered in this process: the analysis reads only its spec, parsed with the rest of its
    // site's (KubernetesSpecs) from the bytes the translator wrote; the whole object (the envelope written around the
    // spec) is made only when asked for (freezing a rendering, tests). Writing and parsing every envelope was two thirds of turning a site's
    // 26,000 objects into documents at 10,000 services (bench/README.md, "Seventh session").
    private readonly KubernetesObject? _resource;
    private readonly JsonElement? _spec;
    private BodyCell? _body;

    // File is null for a rendered Kubernetes object (made from its folder and name when asked for).
    private RenderedDocument(string site, string? file, string kind, string name, string? @namespace)
    {
        Site = site;
        File = file!;
        Kind = kind;
        Name = name;
        Namespace = @namespace;
    }

    /// <summary>A document read from <paramref name="body"/>, the whole object.</summary>
    public RenderedDocument(string site, string file, string kind, string name, string? @namespace, JsonElement body)
        : this(site, file, kind, name, @namespace)
    {
        Body = body;
    }

    /// <summary>A document whose body is a tree (read from a folder, built by the analysis or changed by a test).</summary>
    public RenderedDocument(string site, string file, string kind, string name, string? @namespace, JsonObject body)
        : this(site, file, kind, name, @namespace, Json.Element(body))
    {
    }

    /// <summary>
    /// The Kubernetes objects <paramref name="resources"/> as rendered for <paramref name="site"/>, in their order, each
    /// into its own file (<see cref="KubernetesObject.FileName"/>) in <paramref name="folder"/> ("" or "name/").
    /// </summary>
    public static RenderedDocument[] FromKubernetes(string site, IReadOnlyList<KubernetesObject> resources, string folder = "")
    {
        var specs = KubernetesSpecs.Read(resources);
        var documents = new RenderedDocument[resources.Count];
        for (var i = 0; i < documents.Length; i++)
            documents[i] = new RenderedDocument(site, folder, resources[i], specs[i]);
        return documents;
    }

    private RenderedDocument(string site, string folder, KubernetesObject resource, JsonElement spec)
        : this(site, null, resource.Kind, resource.Name, resource.Namespace)
    {
        _folder = folder;
        _resource = resource;
        _spec = spec;
    }

    /// <summary>The site it was rendered for.</summary>
    public string Site { get; init; }

    /// <summary>The file it is (or would be) written to, relative to the site's folder.</summary>
    public string File
    {
        // A rendered Kubernetes object's is made when asked for (a finding, writing the folder): 78,000 names at
        // 10,000 services that the analysis mostly never reads (bench/README.md, "Ninth session").
        get => field ??= _folder + _resource!.FileName;
        init;
    }

    private readonly string? _folder;

    /// <summary>Its kind: a Kubernetes kind, an App Mesh resource type, <see cref="GatewayClusterKind"/> or <see cref="TerraformInputsKind"/>.</summary>
    public string Kind { get; init; }

    /// <summary>Its name.</summary>
    public string Name { get; init; }

    /// <summary>Its Kubernetes namespace, or null.</summary>
    public string? Namespace { get; init; }

    /// <summary>Kind of a cluster of the gateway's peer listener (where hop 3 goes), read from the gateway's plan.</summary>
    public const string GatewayClusterKind = "MeshfedGatewayCluster";

    /// <summary>Kind of a site's <c>terraform.tfvars.json</c>.</summary>
    public const string TerraformInputsKind = "TerraformInputs";

    /// <summary>The whole object, read through <see cref="Json"/>. Setting it (also in a <c>with</c> copy) replaces the spec read too.</summary>
    public JsonElement Body
    {
        get => (_body ?? Interlocked.CompareExchange(ref _body, new BodyCell(Json.Element(_resource!.ToUtf8Json())), null) ?? _body).Value;
        init
        {
            // A rendered object's file name is made from the object: made now, before the object is let go.
            if (_resource is not null)
                _ = File;
            _body = new BodyCell(value);
            _resource = null;
            _spec = null;
        }
    }

    /// <summary><c>Kind namespace/name</c>, as findings name it.</summary>
    public string Id => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The object's <c>spec</c>.</summary>
    public JsonElement? Spec => _resource is null ? Body.At("spec") : _spec;

    /// <summary>
    /// The same object: the same identity and the same JSON, whether its body was made yet or not (the generated
    /// equality would compare the body's cache).
    /// </summary>
    public bool Equals(RenderedDocument? other) =>
        other is not null && Site == other.Site && File == other.File && Kind == other.Kind && Name == other.Name &&
        Namespace == other.Namespace && JsonElement.DeepEquals(Body, other.Body);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Site, File, Kind, Name, Namespace);

    // A JsonElement is two words: published through a reference, so two threads asking at once never see half of one.
    private sealed record BodyCell(JsonElement Value);
}
