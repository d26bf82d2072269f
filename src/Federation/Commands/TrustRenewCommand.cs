using System.CommandLine;
using System.Security.Cryptography;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust renew</c>: new site intermediates, published to every gateway folder.</summary>
public sealed class TrustRenewCommand : TrustFolderCommand
{
    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "The site whose intermediate is renewed (default: every site)." };

    /// <summary><c>--revoke</c>.</summary>
    public Option<bool> RevokeOption { get; } = new("--revoke") { Description = "Unpin the site's previous intermediates at once (a compromised key): its gateway is refused until re-issued." };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public TrustRenewCommand(CliOutput output)
        : base("renew", "Give sites a new intermediate (new key, 30 days) and publish the bundle to every gateway folder; then run 'trust issue'.")
    {
        Add(SiteOption);
        Add(RevokeOption);
        SetAction(parse => Run(Read(parse), output));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public TrustRenewRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Dir = parse.GetValue(DirOption)!,
        Site = parse.GetValue(SiteOption),
        Revoke = parse.GetValue(RevokeOption),
    };

    /// <summary>Runs <c>trust renew</c>; returns the exit code.</summary>
    public static int Run(TrustRenewRequest request, CliOutput output)
    {
        var (path, dir, siteName, revoke) = (request.Path, request.Dir, request.Site, request.Revoke);
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        if (ManifestInput.SitesOrReport(mesh, siteName, output) is not { } sites)
            return ExitCodes.Usage;
        var folder = new TrustFolder(dir);
        try
        {
            var published = TrustIssuer.Renew(mesh, folder, sites, revoke, DateTimeOffset.UtcNow);
            foreach (var site in sites)
                output.Out.WriteLine($"{folder.IntermediateCertificate(site)}: new intermediate of site {site} ({TrustIssuer.IntermediateLifetime.TotalDays:0} days){(revoke ? "; its previous intermediates are no longer trusted" : "; the previous one stays trusted until it expires")}");
            output.Out.WriteLine($"{folder.Bundle}: updated, and copied to {published.Count} gateway folder(s). Distribute it to every gateway before issuing SVIDs from the new intermediate.");
            output.Out.WriteLine($"Next: meshfed trust issue {path} --dir {dir}{(siteName is null ? "" : $" --site {siteName}")}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
