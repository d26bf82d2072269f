using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshFed.Model.Rendering;

/// <summary>
/// One Kubernetes resource as rendered: identity plus a JSON spec whose key order is the order written,
/// so that output is byte-for-byte deterministic.
/// </summary>
public sealed record KubernetesObject
{
    /// <summary>e.g. <c>networking.istio.io/v1</c>.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>e.g. <c>VirtualService</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    /// <summary>metadata.namespace; null for cluster-scoped kinds.</summary>
    public string? Namespace { get; init; }

    /// <summary>metadata.labels, in the order given.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; }

    /// <summary>
    /// The spec, as a tree. For an object made from a typed spec (<see cref="SpecUtf8"/>) the tree is built from the
    /// serialised JSON when first asked for, and then kept (one tree, even when two threads ask at once).
    /// </summary>
    public JsonObject Spec
    {
        get => _spec ?? Interlocked.CompareExchange(ref _spec, SpecFromUtf8(), null) ?? _spec;
        init => _spec = value;
    }

    private JsonObject? _spec;

    /// <summary>
    /// The spec as serialised UTF-8 JSON, for an object made from a typed spec (Istio's): what every writer and the
    /// analysis read. Held instead of a tree because the analysis keeps every site's rendering to its end, and at
    /// 10,000 services the trees were about 5 KB and 60 objects per object rendered (its JSON 0.3 KB), whose copying
    /// was half of <c>meshfed render</c>'s time (bench/README.md, "Sixth session").
    /// </summary>
    /// <remarks>
    /// Setting it (also in a <c>with</c> copy) drops a tree built from the previous value. The memory is never pooled
    /// and never written after it is handed out (it may be a slice of a translation's <see cref="SpecArena"/> block):
    /// the writers read it whenever they are asked.
    /// </remarks>
    public ReadOnlyMemory<byte> SpecUtf8
    {
        get;
        init
        {
            field = value;
            _spec = null;
        }
    }

    /// <summary>The file a rendering writes it to: <c>kind-namespace-name.yaml</c>.</summary>
    public string FileName
    {
        get
        {
            // One string made in place (the kind lower-cased into it): every object's name is asked for by the
            // analysis and the writers, 78,000 of them at 10,000 services.
            const string Extension = ".yaml";
            var length = Kind.Length + 1 + (Namespace is null ? 0 : Namespace.Length + 1) + Name.Length + Extension.Length;
            return string.Create(length, this, static (text, resource) =>
            {
                var at = resource.Kind.AsSpan().ToLowerInvariant(text);
                text[at++] = '-';
                if (resource.Namespace is { } ns)
                {
                    ns.CopyTo(text[at..]);
                    at += ns.Length;
                    text[at++] = '-';
                }
                resource.Name.CopyTo(text[at..]);
                Extension.CopyTo(text[(at + resource.Name.Length)..]);
            });
        }
    }

    /// <summary><c>Kind namespace/name</c>, for messages and sorting.</summary>
    public string Id => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The whole resource as JSON (apiVersion, kind, metadata, spec).</summary>
    public JsonObject ToJson() => WithSpec(Spec.DeepClone());

    /// <summary>
    /// The whole resource as UTF-8 JSON (apiVersion, kind, metadata, spec), written from <see cref="SpecUtf8"/> when
    /// the object has it, so no tree of the spec is built: what the YAML writer writes, and the analysis' whole body.
    /// </summary>
    public byte[] ToUtf8Json()
    {
        if (_spec is null && SpecUtf8.IsEmpty)
            throw NoSpec();
        var buffer = new ArrayBufferWriter<byte>(SpecUtf8.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in Head())
            {
                writer.WritePropertyName(key);
                value!.WriteTo(writer);
            }
            writer.WritePropertyName(SpecKey);
            if (_spec is { } tree)
                tree.WriteTo(writer);
            else
                writer.WriteRawValue(SpecUtf8.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The spec as UTF-8 JSON: <see cref="SpecUtf8"/> itself (no copy), or the tree written.</summary>
    public ReadOnlyMemory<byte> SpecUtf8Json()
    {
        if (_spec is { } tree)
            return JsonTree.Utf8(tree);
        return SpecUtf8.IsEmpty ? throw NoSpec() : SpecUtf8;
    }

    /// <summary>
    /// The spec as a tree for a reader that needs it once (comparing two specs): the tree already built, or a new
    /// one that is not kept.
    /// </summary>
    private JsonObject SpecOnce() => _spec ?? SpecFromUtf8();

    private JsonObject SpecFromUtf8() => (SpecUtf8.IsEmpty ? null : JsonTree.Object(SpecUtf8.Span)) ?? throw NoSpec();

    private InvalidOperationException NoSpec() => new($"{Id} has no spec (neither Spec nor SpecUtf8 was given)");

    /// <summary>Whether the spec is held as a tree (given, or built from <see cref="SpecUtf8"/> when read).</summary>
    internal bool HasSpecTree => _spec is not null;

    /// <summary>
    /// <see cref="Labels"/> as metadata.labels holds them: a key given twice once, where it first came, with its last
    /// value (what a JSON object keeps). The one place that rule is spelled, for the JSON envelope and the YAML writer.
    /// </summary>
    internal IEnumerable<KeyValuePair<string, string>> MetadataLabels()
    {
        for (var i = 0; i < Labels.Count; i++)
        {
            var key = Labels[i].Key;
            if (IndexOfLabel(key, first: true) == i)
                yield return new(key, Labels[IndexOfLabel(key, first: false)].Value);
        }
    }

    // Labels are a handful: a scan is cheaper than a set.
    private int IndexOfLabel(string key, bool first)
    {
        for (var n = 0; n < Labels.Count; n++)
        {
            var i = first ? n : Labels.Count - 1 - n;
            if (Labels[i].Key == key)
                return i;
        }
        return -1;
    }

    /// <summary>
    /// Everything but the spec, in the order written: <c>apiVersion</c>, <c>kind</c>, <c>metadata</c> (name,
    /// namespace, labels). The one place the envelope of a rendered object is spelled.
    /// </summary>
    internal JsonObject Head()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in MetadataLabels())
            labels[key] = value;
        var metadata = new JsonObject { ["name"] = Name };
        if (Namespace is not null)
            metadata["namespace"] = Namespace;
        metadata["labels"] = labels;
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = metadata,
        };
    }

    private JsonObject WithSpec(JsonNode spec)
    {
        var json = Head();
        json[SpecKey] = spec;
        return json;
    }

    /// <summary>
    /// Equal when they are the same object rendered: identity, labels and spec by value, whichever form the spec is
    /// held in (the generated equality would compare the lazily built tree by reference, so reading <see cref="Spec"/>
    /// would change the answer). Comparing builds no tree that is kept: equal bytes are equal specs, and otherwise
    /// the specs are compared as throw-away trees (so <c>1.5</c> and <c>1.50</c> are equal in either form).
    /// </summary>
    public bool Equals(KubernetesObject? other) =>
        other is not null && ApiVersion == other.ApiVersion && Kind == other.Kind && Name == other.Name && Namespace == other.Namespace &&
        Labels.SequenceEqual(other.Labels) &&
        ((_spec is null && other._spec is null && SpecUtf8.Span.SequenceEqual(other.SpecUtf8.Span)) || JsonNode.DeepEquals(SpecOnce(), other.SpecOnce()));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ApiVersion, Kind, Name, Namespace);

    /// <summary>The key of the spec, written last.</summary>
    internal const string SpecKey = "spec";
}
