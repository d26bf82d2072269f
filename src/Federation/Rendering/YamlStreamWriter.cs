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
    /// output empty rather than holding half a site (kubectl would apply the half).
    /// </summary>
    public static StringBuilder Build(IReadOnlyList<KubernetesObject> resources)
    {
        var stream = new StringBuilder();
        foreach (var resource in resources)
            KustomizeFolderWriter.AppendFileText(stream.Append(Separator), resource);
        return stream;
    }

    /// <summary>Writes <paramref name="stream"/> to <paramref name="writer"/> and flushes it.</summary>
    public static void Write(TextWriter writer, StringBuilder stream)
    {
        // TextWriter.Write(StringBuilder) writes it chunk by chunk, without one string of the whole; a writer that
        // holds output back (KeptText, render --out - while the analysis runs) keeps the builder itself.
        writer.Write(stream);
        writer.Flush();
    }
}
