using System.CommandLine;

namespace MeshFed.Federation.Commands;

/// <summary>The arguments plan and apply share.</summary>
public static class AppMeshCommandOptions
{
    /// <summary>The manifest.</summary>
    public static Argument<string> Path() => new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--site</c>.</summary>
    public static Option<string?> Site() => new("--site") { Description = "The App Mesh site (default: the only one)." };

    /// <summary><c>--endpoint-url</c>, as the AWS CLI names it.</summary>
    public static Option<string?> EndpointUrl() => new("--endpoint-url") { Description = "Talk to this App Mesh endpoint instead of the region's (e.g. a local test endpoint)." };

    /// <summary><c>--output text|json</c>.</summary>
    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
