using System.CommandLine;

namespace MeshFed.Federation.Commands;

/// <summary>What every <c>trust</c> subcommand takes first: the manifest and <c>--dir</c>, the trust folder.</summary>
public abstract class TrustFolderCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--dir</c>.</summary>
    public Option<string> DirOption { get; } = new("--dir")
    {
        Description = $"The trust folder (default {TrustCommand.DefaultFolder}).", DefaultValueFactory = _ => TrustCommand.DefaultFolder,
    };

    /// <summary>Creates the subcommand <paramref name="name"/> with the manifest argument and <c>--dir</c>; the subclass adds the rest.</summary>
    protected TrustFolderCommand(string name, string description)
        : base(name, description)
    {
        Add(PathArgument);
        Add(DirOption);
    }
}
