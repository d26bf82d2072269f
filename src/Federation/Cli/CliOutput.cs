namespace MeshFed.Federation.Cli;

/// <summary>Where a command writes: injected so tests read exactly what a user would see.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Problems with the command itself (stderr).</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's console.</summary>
    public static CliOutput Console { get; } = new(System.Console.Out, System.Console.Error);
}
