using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Model.Schema;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed schema</c>: prints the manifest's JSON Schema for editors.</summary>
public sealed class SchemaCommand : Command
{
    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public SchemaCommand(CliOutput output)
        : base("schema", "Print the JSON Schema of the manifest (for editors: VS Code YAML, JetBrains).")
    {
        SetAction(_ =>
        {
            output.Out.Write(ManifestSchema.Json);
            return ExitCodes.Success;
        });
    }
}
