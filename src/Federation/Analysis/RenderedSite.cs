using System.Text.Json;
using MeshFed.Model.Diagnostics;
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

    /// <summary>
    /// The positioned errors for which the render refuses to write the site (VPC Lattice limits and quotas): the
    /// render reports them itself. Empty for a rendering read from a folder.
    /// </summary>
    public IReadOnlyList<Diagnostic> RenderErrors { get; init; } = [];

    /// <summary>Every rendered object. A copy made with <c>with</c> and new documents starts with fresh indexes.</summary>
    public IReadOnlyList<RenderedDocument> Documents
    {
        get;
        init
        {
            field = value;
            _byKind = null;
            _byHost = null;
            _byName = null;
            _byApp = null;
        }
    } = Documents;

    // Every path looks documents up by kind, host or name: indexed once, in document order, so that analysing
    // 10,000 services is not paths × documents (bench/README.md, "Scale of the control side").
    private ILookup<string, RenderedDocument>? _byKind;
    private Dictionary<(string Kind, string Host), List<RenderedDocument>>? _byHost;
    private Dictionary<(string Kind, string Name), RenderedDocument>? _byName;
    private Dictionary<(string Kind, string? Namespace, string App), List<RenderedDocument>>? _byApp;

    /// <summary>The documents of one kind.</summary>
    public IEnumerable<RenderedDocument> OfKind(string kind) => (_byKind ??= Documents.ToLookup(d => d.Kind, StringComparer.Ordinal))[kind];

    /// <summary>The site's <c>terraform.tfvars.json</c>, or null when it has no gateway.</summary>
    public JsonElement? TerraformInputs => OfKind(RenderedDocument.TerraformInputsKind).FirstOrDefault()?.Body;

    /// <summary>The Istio objects of <paramref name="kind"/> whose host (or one of whose hosts) is <paramref name="host"/>.</summary>
    public IEnumerable<RenderedDocument> IstioForHost(string kind, string host) =>
        (_byHost ??= IndexHosts()).TryGetValue((kind, host), out var documents) ? documents : [];

    /// <summary>The first object of <paramref name="kind"/> named <paramref name="name"/> (an App Mesh resource, a gateway cluster), or null.</summary>
    public RenderedDocument? Named(string kind, string name) =>
        (_byName ??= IndexNames()).TryGetValue((kind, name), out var document) ? document : null;

    /// <summary>
    /// The Istio objects of <paramref name="kind"/> in <paramref name="namespace"/> whose workload selector is
    /// <c>matchLabels.app: <paramref name="app"/></c> (a service's PeerAuthentication, AuthorizationPolicy).
    /// </summary>
    public IEnumerable<RenderedDocument> ForApp(string kind, string? @namespace, string app) =>
        (_byApp ??= IndexApps()).TryGetValue((kind, @namespace, app), out var documents) ? documents : [];

    // A loop, not Where/ToLookup: each selector is read once (at 10,000 services ~26,000 documents a site).
    private Dictionary<(string, string?, string), List<RenderedDocument>> IndexApps()
    {
        var index = new Dictionary<(string, string?, string), List<RenderedDocument>>();
        foreach (var document in Documents)
        {
            if (document.Spec.Str("selector", "matchLabels", "app") is { } app)
                Add(index, (document.Kind, document.Namespace, app), document);
        }
        return index;
    }

    private Dictionary<(string, string), List<RenderedDocument>> IndexHosts()
    {
        var index = new Dictionary<(string, string), List<RenderedDocument>>();
        foreach (var document in Documents)
        {
            // "host" first, then "hosts" in order; a host a document names twice is indexed once. A loop over the
            // elements, not Strings/Distinct: at 10,000 services the lists and sets were ~25 MB a site.
            if (document.Spec.Str("host") is { } single)
                Add(index, (document.Kind, single), document);
            if (document.Spec.At("hosts") is { ValueKind: JsonValueKind.Array } hosts)
            {
                foreach (var item in hosts.EnumerateArray())
                {
                    if (item.Str() is { } host)
                        Add(index, (document.Kind, host), document);
                }
            }
        }
        return index;
    }

    // Lists document under key once: documents are indexed one after another, so one already listed there is the last.
    private static void Add<TKey>(Dictionary<TKey, List<RenderedDocument>> index, TKey key, RenderedDocument document) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var documents))
            index[key] = documents = [];
        if (documents.Count == 0 || !ReferenceEquals(documents[^1], document))
            documents.Add(document);
    }

    private Dictionary<(string, string), RenderedDocument> IndexNames()
    {
        var index = new Dictionary<(string, string), RenderedDocument>();
        foreach (var document in Documents)
            index.TryAdd((document.Kind, document.Name), document); // the first, as a scan would find it
        return index;
    }
}
