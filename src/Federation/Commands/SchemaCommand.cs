using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Model.Schema;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed schema</c>: prints the manifest's JSON Schema for editors.</summary>
public static class SchemaCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("schema", "Print the JSON Schema of the manifest (for editors: VS Code YAML, JetBrains).");
        command.SetAction(_ =>
        {
            output.Out.Write(ManifestSchema.Json);
            return ExitCodes.Success;
        });
        return command;
    }
}
