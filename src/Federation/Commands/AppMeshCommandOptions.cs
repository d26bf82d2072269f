using System.CommandLine;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary>The command line plan and apply share: the manifest, <c>--site</c>, <c>--endpoint-url</c>, <c>--output</c>.</summary>
public static class AppMeshCommandOptions
{
    /// <summary>What a plan-like command runs: (path, site, endpoint URL, JSON output?, output) → exit code.</summary>
    public delegate Task<int> Runner(string path, string? site, string? endpointUrl, bool json, CliOutput output);

    /// <summary>Creates a command with the shared arguments, running <paramref name="run"/>.</summary>
    public static Command Create(string name, string description, Runner run, CliOutput output)
    {
        var path = new Argument<string>("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };
        var site = new Option<string?>("--site") { Description = "The App Mesh site (default: the only one)." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Talk to this App Mesh endpoint instead of the region's (e.g. a local test endpoint)." };
        var format = new Option<string>("--output", "-o") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(name, description) { path, site, endpoint, format };
        command.SetAction((parse, _) => run(parse.GetValue(path)!, parse.GetValue(site), parse.GetValue(endpoint), parse.GetValue(format) == "json", output));
        return command;
    }
}
