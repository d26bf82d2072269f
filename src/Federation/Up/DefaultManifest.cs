namespace MeshFed.Federation.Up;

/// <summary>
/// The manifest <c>meshfed up</c> runs when it is given none: the demo federation (<c>examples/demo</c>),
/// embedded in the CLI so that the first command a newcomer types needs no path and no checkout layout.
/// It is written to a file (<see cref="RelativePath"/>) rather than read from memory so that `up`'s live
/// reload works on it like on any manifest: edit the file and the gateways apply the change.
/// </summary>
internal static class DefaultManifest
{
    /// <summary>Where the embedded manifest is written, relative to the working folder.</summary>
    public static readonly string RelativePath = Path.Combine(".meshfed", "demo", "mesh.yaml");

    private const string ResourceName = "MeshFed.Federation.demo.mesh.yaml";

    /// <summary>
    /// The path of the default manifest, written from the embedded copy when it is not there yet; an existing
    /// file is kept, since it holds the user's own edits from an earlier run.
    /// </summary>
    public static string Materialise()
    {
        var path = Path.GetFullPath(RelativePath);
        if (File.Exists(path))
            return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var resource = typeof(DefaultManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the CLI was built without its embedded demo manifest ({ResourceName})");
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
            resource.CopyTo(file);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
