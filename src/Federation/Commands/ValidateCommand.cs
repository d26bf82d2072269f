using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed validate &lt;path&gt;</c>: loads a manifest file or folder and reports every finding.</summary>
public sealed class ValidateCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--output text|json</c>.</summary>
    public Option<string> OutputOption { get; } = CreateOutputOption();

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public ValidateCommand(CliOutput output)
        : base("validate", "Check a manifest: every error at once, each with file:line:col, the path and the fix.")
    {
        Add(PathArgument);
        Add(OutputOption);
        SetAction(parse => OneShotCollection.Run(() => Run(Read(parse), output)));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public ValidateRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Format = parse.GetValue(OutputOption) == "json" ? OutputFormat.Json : OutputFormat.Text,
    };

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "text (for people) or json (for scripts).",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    /// <summary>Validates the manifest and prints the result; returns the exit code.</summary>
    public static int Run(ValidateRequest request, CliOutput output)
    {
        var (path, format) = (request.Path, request.Format);
        var result = ManifestLoader.Load(path);
        if (format == OutputFormat.Json)
            ValidationReport.WriteJson(path, result, output.Out);
        else
            ValidationReport.WriteText(path, result, output.Out);
        return result.IsValid ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
