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
/// session"). One array per site is a few large buffers the collector never moves. The document is never disposed:
/// its elements are read until the process ends. Reading it from two threads at once is as unsafe as it was for one
/// document per object (JsonDocument caches the last string it made); the analysis reads on one thread.
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
        var at = 0;
        array[at++] = (byte)'[';
        for (var i = 0; i < specs.Length; i++)
        {
            if (i > 0)
                array[at++] = (byte)',';
            specs[i].Span.CopyTo(array.AsSpan(at));
            at += specs[i].Length;
        }
        array[at] = (byte)']';
        var elements = new JsonElement[specs.Length];
        var n = 0;
        foreach (var spec in JsonDocument.Parse(array).RootElement.EnumerateArray())
            elements[n++] = spec;
        return elements;
    }
}
