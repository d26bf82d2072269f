using System.CommandLine;
using System.Security.Cryptography;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Trust;
using MeshFed.Model;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed trust init|renew|issue|export</c>: the federation CA, gateway SVIDs, and bundles for the meshes.</summary>
public static class TrustCommand
{
    /// <summary>Where the trust material lives when <c>--dir</c> is not given.</summary>
    public const string DefaultFolder = ".meshfed/trust";

    private static Argument<string> PathArgument() => new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    private static Option<string> DirOption() => new("--dir") { Description = $"The trust folder (default {DefaultFolder}).", DefaultValueFactory = _ => DefaultFolder };

    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(CliOutput output)
    {
        var trust = new Command("trust", "The federation's CA (ECDSA P-256), gateway SVIDs (SPIFFE) and trust bundles.");
        trust.Subcommands.Add(CreateInit(output));
        trust.Subcommands.Add(CreateRenew(output));
        trust.Subcommands.Add(CreateIssue(output));
        trust.Subcommands.Add(CreateExport(output));
        return trust;
    }

    private static Command CreateInit(CliOutput output)
    {
        var path = PathArgument();
        var dir = DirOption();
        var command = new Command("init", "Create the federation root and one intermediate per site in <dir>/ca/ (existing ones are kept) and publish bundle.pem.") { path, dir };
        command.SetAction(parse => Init(parse.GetValue(path)!, parse.GetValue(dir)!, output));
        return command;
    }

    private static Command CreateIssue(CliOutput output)
    {
        var path = PathArgument();
        var dir = DirOption();
        var site = new Option<string?>("--site") { Description = "The site whose gateway gets an SVID (default: every site)." };
        var ttl = new Option<string>("--ttl") { Description = "How long the SVID is valid: 1h to 720h (default 24h; a warning above 7 days).", DefaultValueFactory = _ => "24h" };
        var command = new Command("issue", "Issue (or rotate) gateway SVIDs: sites/<site>/ (bundle.pem, gateway.crt, gateway.key only) becomes that gateway's --trust-dir.") { path, dir, site, ttl };
        command.SetAction(parse => Issue(parse.GetValue(path)!, parse.GetValue(dir)!, parse.GetValue(site), parse.GetValue(ttl)!, output));
        return command;
    }

    private static Command CreateRenew(CliOutput output)
    {
        var path = PathArgument();
        var dir = DirOption();
        var site = new Option<string?>("--site") { Description = "The site whose intermediate is renewed (default: every site)." };
        var revoke = new Option<bool>("--revoke") { Description = "Unpin the site's previous intermediates at once (a compromised key): its gateway is refused until re-issued." };
        var command = new Command("renew", "Give sites a new intermediate (new key, 30 days) and publish the bundle to every gateway folder; then run 'trust issue'.") { path, dir, site, revoke };
        command.SetAction(parse => Renew(parse.GetValue(path)!, parse.GetValue(dir)!, parse.GetValue(site), parse.GetValue(revoke), output));
        return command;
    }

    private static Command CreateExport(CliOutput output)
    {
        var path = PathArgument();
        var dir = DirOption();
        var site = new Option<string?>("--site") { Description = "The site (istio-cacerts needs one)." };
        var format = new Option<string>("--format") { Description = "pem | istio-cacerts | appmesh", DefaultValueFactory = _ => "pem" };
        format.AcceptOnlyFromAmong([.. TrustExport.Formats]);
        var bundlePath = new Option<string>("--bundle-path") { Description = "appmesh: where the bundle is mounted in the Envoy container.", DefaultValueFactory = _ => "/etc/meshfed/trust/bundle.pem" };
        var command = new Command("export", "Print the trust bundle in a form a mesh takes (pem, Istio cacerts secret, App Mesh validation).") { path, dir, site, format, bundlePath };
        command.SetAction(parse => Export(parse.GetValue(path)!, parse.GetValue(dir)!, parse.GetValue(site), parse.GetValue(format)!, parse.GetValue(bundlePath)!, output));
        return command;
    }

    /// <summary><c>trust init</c>; returns the exit code.</summary>
    public static int Init(string path, string dir, CliOutput output)
    {
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

    /// <summary><c>trust issue</c>; returns the exit code.</summary>
    public static int Issue(string path, string dir, string? siteName, string ttlText, CliOutput output)
    {
        if (!SvidLifetimePolicy.TryParse(ttlText, out var ttl, out var ttlError, out var ttlWarning))
        {
            output.Error.WriteLine($"meshfed: {ttlError}");
            return ExitCodes.Usage;
        }
        if (ttlWarning is not null)
            output.Error.WriteLine($"meshfed: warning: {ttlWarning}");
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        var sites = mesh.Sites.Select(s => s.Name).ToList();
        if (siteName is not null)
        {
            if (ManifestInput.FindSiteOrReport(mesh, siteName, output) is null)
                return ExitCodes.Usage;
            sites = [siteName];
        }
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

    /// <summary><c>trust renew</c>; returns the exit code.</summary>
    public static int Renew(string path, string dir, string? siteName, bool revoke, CliOutput output)
    {
        if (ManifestInput.LoadOrReport(path, output) is not { } mesh)
            return ExitCodes.InvalidInput;
        var sites = mesh.Sites.Select(s => s.Name).ToList();
        if (siteName is not null)
        {
            if (ManifestInput.FindSiteOrReport(mesh, siteName, output) is null)
                return ExitCodes.Usage;
            sites = [siteName];
        }
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

    /// <summary><c>trust export</c>; returns the exit code.</summary>
    public static int Export(string path, string dir, string? siteName, string format, string bundlePath, CliOutput output)
    {
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
