namespace MeshFed.Tests.Shared;

/// <summary>Finds files of the checkout (examples, schemas, src) from wherever the tests run.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder that holds Federation.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>A path below the root, from forward-slash parts.</summary>
    public static string Of(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Federation.sln not found above " + AppContext.BaseDirectory);
    }
}
