using System.CommandLine;
using System.Security.Cryptography;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Trust;
using MeshFed.Model;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust issue</c>: gateway SVIDs, issued or rotated.</summary>
public sealed class TrustIssueCommand : TrustFolderCommand
{
    /// <summary><c>--ttl</c> when not given: <see cref="TrustIssuer.DefaultSvidLifetime"/>, in hours.</summary>
    public static readonly string DefaultTtl = $"{TrustIssuer.DefaultSvidLifetime.TotalHours:0}h";

    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "The site whose gateway gets an SVID (default: every site)." };

    /// <summary><c>--ttl</c>.</summary>
    public Option<string> TtlOption { get; } = new("--ttl")
    {
        Description = $"How long the SVID is valid: {SvidLifetimePolicy.Minimum.TotalHours:0}h to {SvidLifetimePolicy.Maximum.TotalHours:0}h " +
            $"(default {DefaultTtl}; a warning above {SvidLifetimePolicy.WarnAbove.TotalDays:0} days).",
        DefaultValueFactory = _ => DefaultTtl,
    };

    /// <summary>Creates the command, printing to <paramref name="output"/>.</summary>
    public TrustIssueCommand(CliOutput output)
        : base("issue", "Issue (or rotate) gateway SVIDs: sites/<site>/ (bundle.pem, gateway.crt, gateway.key only) becomes that gateway's --trust-dir.")
    {
        Add(SiteOption);
        Add(TtlOption);
        SetAction(parse => Run(Read(parse), output));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public TrustIssueRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Dir = parse.GetValue(DirOption)!,
        Site = parse.GetValue(SiteOption),
        Ttl = parse.GetValue(TtlOption)!,
    };

    /// <summary>Runs <c>trust issue</c>; returns the exit code.</summary>
    public static int Run(TrustIssueRequest request, CliOutput output)
    {
        var (path, dir, siteName, ttlText) = (request.Path, request.Dir, request.Site, request.Ttl);
        if (!SvidLifetimePolicy.TryParse(ttlText, out var ttl, out var ttlError, out var ttlWarning))
        {
            output.Error.WriteLine($"meshfed: {ttlError}");
            return ExitCodes.Usage;
        }
        if (ttlWarning is not null)
            output.Error.WriteLine($"meshfed: warning: {ttlWarning}");
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        if (ManifestInput.SitesOrReport(mesh, siteName, output) is not { } sites)
            return ExitCodes.Usage;
        var folder = new TrustFolder(dir);
        try
        {
            foreach (var site in sites)
            {
                var now = DateTimeOffset.UtcNow;
                var svid = TrustIssuer.Issue(mesh, folder, site, ttl, now);
                output.Out.WriteLine($"{folder.GatewayFolder(site)}: SVID {DataPath.GatewaySpiffeId(mesh.TrustDomain, site)}, valid until {svid.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
                if (svid.NotAfter.ToUniversalTime() < (now + ttl).UtcDateTime.AddMinutes(-1))
                    output.Error.WriteLine($"meshfed: warning: the SVID of site {site} ends with its intermediate, before --ttl {ttlText}; renew the intermediate: meshfed trust renew {path} --dir {dir} --site {site}");
            }
            output.Out.WriteLine($"Run a gateway with: meshfed gateway {path} --site {sites[0]} --trust-dir {folder.GatewayFolder(sites[0])}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
