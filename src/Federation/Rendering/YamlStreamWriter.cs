using System.Text;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// <c>meshfed render --out -</c>: one site's resources as one multi-document YAML stream, for
/// <c>kubectl apply -f -</c>. Each document is the text <see cref="KustomizeFolderWriter"/> writes to the
/// resource's file, in the order the folder's kustomization.yaml lists them, each opened by <c>---</c>
/// (YAML 1.2, 9.2 "Document Markers"). The kustomization itself is not a document: kubectl would try to apply it.
/// </summary>
public static class YamlStreamWriter
{
    /// <summary>What opens every document.</summary>
    public const string Separator = "---\n";

    /// <summary>
    /// The whole stream, built before anything is written, so that a failure while rendering leaves standard
    /// output empty rather than holding half a site (kubectl would apply the half). It is kept in parts, in order.
    /// </summary>
    public static IReadOnlyList<StringBuilder> Build(IReadOnlyList<KubernetesObject> resources)
    {
        // Parts of about PartLength characters, each allocated once at its full length: a large object the collector
        // never moves. One builder grown by StringBuilder's 8,000-character blocks had every block copied by two
        // collections on its way to the oldest generation (38 MB at 10,000 services; bench/README.md, "Ninth session").
        var parts = new List<StringBuilder>();
        StringBuilder? part = null;
        foreach (var resource in resources)
        {
            if (part is null || part.Length > PartLength - PartLength / 16)
            {
                part = new StringBuilder(PartLength);
                parts.Add(part);
            }
            KustomizeFolderWriter.AppendFileText(part.Append(Separator), resource);
        }
        return parts;
    }

    /// <summary>The length a part of the stream is allocated with (a document that does not fit grows it).</summary>
    internal const int PartLength = 1 << 20;

    /// <summary>Writes the parts of <paramref name="stream"/> to <paramref name="writer"/>, in order, and flushes it.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<StringBuilder> stream)
    {
        // TextWriter.Write(StringBuilder) writes it chunk by chunk, without one string of the whole; a writer that
        // holds output back (KeptText, render --out - while the analysis runs) keeps each builder itself.
        foreach (var part in stream)
            writer.Write(part);
        writer.Flush();
    }
}
