using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Loading;

/// <summary>
/// Merges the documents of a folder (or of a multi-document file) into one, node by node, so every node
/// keeps its own file and position. Lists under <c>spec</c> (sites, services) are concatenated; any other
/// field may be set by one document only, and every document must name the same mesh.
/// </summary>
internal static class DocumentMerger
{
    private static readonly HashSet<string> s_listFields = ["sites", "services"];

    public static ManifestNode? Merge(IReadOnlyList<ManifestNode> documents, DiagnosticBag diagnostics)
    {
        if (documents.Count <= 1)
            return documents.Count == 1 ? documents[0] : null;
        if (documents.Any(d => d is not MappingNode))
            return documents.First(d => d is not MappingNode); // The binder reports it with its position.

        var mappings = documents.Cast<MappingNode>().ToList();
        var root = new List<MappingEntry>();
        foreach (var key in new[] { "apiVersion", "kind" })
        {
            if (mappings.Select(m => m.Find(key)).FirstOrDefault(e => e is not null) is { } entry)
                root.Add(entry);
        }
        if (MergeMetadata(mappings, diagnostics) is { } metadata)
            root.Add(metadata);
        if (MergeSpec(mappings, diagnostics) is { } spec)
            root.Add(spec);
        // Fields the binder does not know are kept (from every document) so each is reported where written.
        foreach (var mapping in mappings)
        {
            root.AddRange(mapping.Entries.Where(e => e.Key.Value is not ("apiVersion" or "kind" or "metadata" or "spec")
                && root.All(r => r.Key.Value != e.Key.Value)));
        }
        return new MappingNode(root, mappings[0].Location);
    }

    private static MappingEntry? MergeMetadata(IReadOnlyList<MappingNode> documents, DiagnosticBag diagnostics)
    {
        MappingEntry? first = null;
        string? firstName = null;
        foreach (var entry in documents.Select(d => d.Find("metadata")).OfType<MappingEntry>())
        {
            var name = (entry.Value as MappingNode)?.Find("name")?.Value as ScalarNode;
            if (first is null)
            {
                first = entry;
                firstName = name?.Value;
                continue;
            }
            if (name is not null && firstName is not null && name.Value != firstName)
            {
                diagnostics.Error(DiagnosticCodes.ConflictingFiles, "metadata.name", name.Location,
                    $"this document names the mesh '{name.Value}', but {first.Value.Value.Location} names it '{firstName}'",
                    "All files of one folder describe one mesh; give them the same metadata.name or move this file out.");
            }
        }
        return first;
    }

    private static MappingEntry? MergeSpec(IReadOnlyList<MappingNode> documents, DiagnosticBag diagnostics)
    {
        var specs = documents.Select(d => d.Find("spec")).OfType<MappingEntry>().ToList();
        if (specs.Count <= 1)
            return specs.Count == 1 ? specs[0] : null;
        if (specs.FindIndex(s => s.Value is not MappingNode) is var odd and >= 0)
            return specs[odd]; // Reported by the binder.

        var merged = new List<MappingEntry>();
        var owners = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        var lists = new Dictionary<string, (MappingEntry Entry, List<ManifestNode> Items)>(StringComparer.Ordinal);
        foreach (var entry in specs.SelectMany(s => ((MappingNode)s.Value).Entries))
        {
            var key = entry.Key.Value;
            if (s_listFields.Contains(key) && entry.Value is SequenceNode sequence)
            {
                if (lists.TryGetValue(key, out var list))
                {
                    list.Items.AddRange(sequence.Items);
                }
                else if (!owners.ContainsKey(key))
                {
                    lists[key] = (entry, [.. sequence.Items]);
                    owners[key] = entry;
                }
                continue;
            }
            if (owners.TryGetValue(key, out var owner))
            {
                diagnostics.Error(DiagnosticCodes.ConflictingFiles, $"spec.{key}", entry.Key.Location,
                    $"'spec.{key}' is already set at {owner.Key.Location}", "Set single-valued fields in one file of the folder only.");
                continue;
            }
            owners[key] = entry;
            merged.Add(entry);
        }
        foreach (var (key, list) in lists)
        {
            merged.Add(new MappingEntry(list.Entry.Key, new SequenceNode(list.Items, list.Entry.Value.Location)));
        }
        return new MappingEntry(specs[0].Key, new MappingNode(merged, specs[0].Value.Location));
    }
}
