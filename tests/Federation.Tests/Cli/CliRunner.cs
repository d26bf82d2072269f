using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Tests;

/// <summary>Runs the CLI in-process and captures what a user would see on stdout and stderr.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = MeshfedCli.Run(args, new CliOutput(stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
