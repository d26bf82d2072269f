using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed validate &lt;path&gt;</c>: loads a manifest file or folder and reports every finding.</summary>
public static class ValidateCommand
{
    /// <summary>The manifest file or folder.</summary>
    public static Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--output text|json</c>.</summary>
    public static Option<string> OutputOption { get; } = CreateOutputOption();

    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("validate", "Check a manifest: every error at once, each with file:line:col, the path and the fix.")
        {
            PathArgument,
            OutputOption,
        };
        command.SetAction(parse => Run(parse.GetValue(PathArgument)!, ParseFormat(parse.GetValue(OutputOption)), output));
        return command;
    }

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

    private static OutputFormat ParseFormat(string? value) => value == "json" ? OutputFormat.Json : OutputFormat.Text;

    /// <summary>Validates <paramref name="path"/> and prints the result; returns the exit code.</summary>
    public static int Run(string path, OutputFormat format, CliOutput output)
    {
        var result = ManifestLoader.Load(path);
        if (format == OutputFormat.Json)
            ValidationReport.WriteJson(path, result, output.Out);
        else
            ValidationReport.WriteText(path, result, output.Out);
        return result.IsValid ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
