using System.Runtime.InteropServices;
using System.Text.Json;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// The specs of a site's Kubernetes objects as the analysis reads them: one JSON array of every spec, parsed once.
/// </summary>
/// <remarks>
/// A document per object was 78,000 small documents at 10,000 services, each with an index rented from the pool at
/// the payload's size rounded up to a power of two and never returned: about a tenth of everything `meshfed render`
/// allocated, all of it living to the end of the analysis, so every collection copied it (bench/README.md, "Ninth
/// session"). One array per site is a few large buffers the collector never moves, at the price of a second copy of
/// the specs' bytes (the objects keep theirs for the writers): about 8 MB a site. The document is never disposed: its
/// elements are read until the process ends. Every document of a site shares it, and JsonDocument caches the last
/// string it made without a lock: a site's documents are read on one thread at a time (the analysis' walk).
/// </remarks>
internal static class KubernetesSpecs
{
    /// <summary>The spec of each of <paramref name="resources"/>, in their order.</summary>
    public static JsonElement[] Read(IReadOnlyList<KubernetesObject> resources)
    {
        if (resources.Count == 0)
            return [];
        var specs = new ReadOnlyMemory<byte>[resources.Count];
        var length = 1 + resources.Count; // '[', a ',' between two specs, ']'
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = resources[i].SpecUtf8Json();
            length += specs[i].Length;
        }
        var array = GC.AllocateUninitializedArray<byte>(length);
        var starts = new int[specs.Length];
        var at = 0;
        array[at++] = (byte)'[';
        for (var i = 0; i < specs.Length; i++)
        {
            if (i > 0)
                array[at++] = (byte)',';
            starts[i] = at;
            specs[i].Span.CopyTo(array.AsSpan(at));
            at += specs[i].Length;
        }
        array[at] = (byte)']';
        // One level deeper than a spec alone: a spec as deep as the serializer writes still parses.
        var root = JsonDocument.Parse(array, new JsonDocumentOptions { MaxDepth = SpecArena.SerializerMaxDepth + 1 }).RootElement;
        var elements = new JsonElement[specs.Length];
        var n = 0;
        foreach (var spec in root.EnumerateArray())
        {
            // Each element must lie within its own spec's bytes: a spec that is not exactly one JSON value would
            // otherwise shift every element after it onto the wrong object, silently.
            if (n == elements.Length || !array.AsSpan().Overlaps(JsonMarshal.GetRawUtf8Value(spec), out var offset) ||
                offset < starts[n] || offset >= starts[n] + specs[n].Length)
                throw NotOneValue(resources[Math.Min(n, elements.Length - 1)]);
            elements[n++] = spec;
        }
        return n == elements.Length ? elements : throw NotOneValue(resources[n]);
    }

    private static InvalidOperationException NotOneValue(KubernetesObject resource) =>
        new($"{resource.Id}: its spec is not one JSON value");
}
