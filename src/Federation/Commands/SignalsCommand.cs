using System.CommandLine;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed signals</c>: golden signals read back; its one subcommand is <see cref="SignalsCompareCommand"/>.</summary>
public sealed class SignalsCommand : Command
{
    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public SignalsCommand(CliOutput output)
        : base("signals", "Read back and compare golden signals.") => Add(new SignalsCompareCommand(output));
}
