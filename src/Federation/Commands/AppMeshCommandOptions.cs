using System.CommandLine;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary>
/// The command line plan and apply share: the manifest, <c>--site</c>, <c>--endpoint-url</c>, <c>--output</c>, and
/// for VPC Lattice sites the values their rendering leaves to apply (<c>--vpc-id</c>, <c>--certificate-arn</c>).
/// </summary>
public static class AppMeshCommandOptions
{
    /// <summary>What a plan-like command runs: (path, site, endpoint URL, JSON output?, output) → exit code.</summary>
    public delegate Task<int> Runner(string path, string? site, string? endpointUrl, bool json, LatticeApplyInputs lattice, CliOutput output);

    /// <summary>Creates a command with the shared arguments, running <paramref name="run"/>.</summary>
    public static Command Create(string name, string description, Runner run, CliOutput output)
    {
        var path = new Argument<string>("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };
        var site = new Option<string?>("--site") { Description = "The App Mesh or VPC Lattice site (default: the only one)." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Talk to this App Mesh or VPC Lattice endpoint instead of the region's (e.g. a local test endpoint)." };
        var vpc = new Option<string?>("--vpc-id") { Description = "VPC Lattice sites: the site's VPC, associated with the service network and holding the target groups." };
        var certificate = new Option<string?>("--certificate-arn") { Description = "VPC Lattice sites: the ACM certificate for the custom domains of services with HTTPS (http2/grpc) listeners." };
        var format = new Option<string>("--output", "-o") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command(name, description) { path, site, endpoint, format, vpc, certificate };
        command.SetAction((parse, _) => run(parse.GetValue(path)!, parse.GetValue(site), parse.GetValue(endpoint), parse.GetValue(format) == "json",
            new LatticeApplyInputs { VpcId = parse.GetValue(vpc), CertificateArn = parse.GetValue(certificate) }, output));
        return command;
    }
}
