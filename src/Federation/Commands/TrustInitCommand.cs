using System.CommandLine;
using System.Security.Cryptography;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust init</c>: the federation root and an intermediate per site.</summary>
public sealed class TrustInitCommand : TrustFolderCommand
{
    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public TrustInitCommand(CliOutput output)
        : base("init", "Create the federation root and one intermediate per site in <dir>/ca/ (existing ones are kept) and publish bundle.pem.")
    {
        SetAction(parse => Run(Read(parse), output));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public TrustInitRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Dir = parse.GetValue(DirOption)!,
    };

    /// <summary>Runs <c>trust init</c>; returns the exit code.</summary>
    public static int Run(TrustInitRequest request, CliOutput output)
    {
        var (path, dir) = (request.Path, request.Dir);
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        var folder = new TrustFolder(dir);
        var hadRoot = folder.HasRoot;
        try
        {
            var (created, migrated) = TrustIssuer.Init(mesh, folder, DateTimeOffset.UtcNow);
            if (migrated)
                output.Out.WriteLine($"{dir}: moved the root to {folder.CaFolder} and deleted the old site intermediates (unbound, and kept where gateways read); issue every gateway a new SVID now");
            output.Out.WriteLine(hadRoot || migrated
                ? $"{folder.RootCertificate}: existing root of spiffe://{mesh.TrustDomain} kept"
                : $"{folder.RootCertificate}: new root of spiffe://{mesh.TrustDomain} (ECDSA P-256, {TrustIssuer.RootLifetime.TotalDays:0} days)");
            foreach (var site in mesh.Sites)
                output.Out.WriteLine($"{folder.IntermediateCertificate(site.Name)}: {(created.Contains(site.Name) ? "new" : "existing")} intermediate of site {site.Name}");
            output.Out.WriteLine($"{folder.Bundle}: the federation bundle (root and the sites' pinned intermediates)");
            output.Out.WriteLine($"Keep {folder.CaFolder} off the gateway hosts. Next: meshfed trust issue {path} --dir {dir}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
