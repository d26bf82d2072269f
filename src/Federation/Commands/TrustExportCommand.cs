using System.CommandLine;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust export</c>: the trust bundle in a form a mesh takes.</summary>
public sealed class TrustExportCommand : TrustFolderCommand
{
    /// <summary><c>--bundle-path</c> when not given.</summary>
    public const string DefaultBundlePath = "/etc/meshfed/trust/bundle.pem";

    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "The site (istio-cacerts needs one)." };

    /// <summary><c>--format</c>.</summary>
    public Option<string> FormatOption { get; } = CliOptions.Choice("--format", "pem | istio-cacerts | appmesh", "pem", TrustExport.Formats);

    /// <summary><c>--bundle-path</c>.</summary>
    public Option<string> BundlePathOption { get; } = new("--bundle-path") { Description = "appmesh: where the bundle is mounted in the Envoy container.", DefaultValueFactory = _ => DefaultBundlePath };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public TrustExportCommand(CliOutput output)
        : base("export", "Print the trust bundle in a form a mesh takes (pem, Istio cacerts secret, App Mesh validation).")
    {
        Add(SiteOption);
        Add(FormatOption);
        Add(BundlePathOption);
        SetAction(parse => Run(Read(parse), output));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public TrustExportRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Dir = parse.GetValue(DirOption)!,
        Site = parse.GetValue(SiteOption),
        Format = parse.GetValue(FormatOption)!,
        BundlePath = parse.GetValue(BundlePathOption)!,
    };

    /// <summary>Runs <c>trust export</c>; returns the exit code.</summary>
    public static int Run(TrustExportRequest request, CliOutput output)
    {
        var (path, dir, siteName, format, bundlePath) = (request.Path, request.Dir, request.Site, request.Format, request.BundlePath);
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        var folder = new TrustFolder(dir);
        if (!folder.HasRoot)
        {
            output.Error.WriteLine($"meshfed: no federation root in {dir}; run 'meshfed trust init {path} --dir {dir}' first");
            return ExitCodes.InvalidInput;
        }
        switch (format)
        {
            case "pem":
                output.Out.Write(File.ReadAllText(folder.Bundle));
                return ExitCodes.Success;
            case "appmesh":
                output.Out.Write(TrustExport.AppMeshValidation(mesh, bundlePath));
                return ExitCodes.Success;
            default:
                if (siteName is null)
                {
                    output.Error.WriteLine("meshfed: --format istio-cacerts needs --site (each site gets its own intermediate)");
                    return ExitCodes.Usage;
                }
                if (ManifestInput.FindSiteOrReport(mesh, siteName, output) is null)
                    return ExitCodes.Usage;
                output.Out.Write(TrustExport.IstioCacertsSecret(folder, siteName));
                return ExitCodes.Success;
        }
    }
}
