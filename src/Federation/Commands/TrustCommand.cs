using System.CommandLine;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust init|renew|issue|export</c>: the federation CA, gateway SVIDs, and bundles for the meshes.</summary>
public sealed class TrustCommand : Command
{
    /// <summary>Where the trust material lives when <c>--dir</c> is not given.</summary>
    public const string DefaultFolder = ".meshfed/trust";

    /// <summary>Creates the command and its subcommands, printing to <paramref name="output"/>.</summary>
    public TrustCommand(CliOutput output)
        : base("trust", "The federation's CA (ECDSA P-256), gateway SVIDs (SPIFFE) and trust bundles.")
    {
        Add(new TrustInitCommand(output));
        Add(new TrustRenewCommand(output));
        Add(new TrustIssueCommand(output));
        Add(new TrustExportCommand(output));
    }
}
