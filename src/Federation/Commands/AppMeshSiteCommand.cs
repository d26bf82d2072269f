using System.CommandLine;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Commands;

/// <summary>
/// The command line plan and apply share: the manifest, <c>--site</c>, <c>--endpoint-url</c>, <c>--output</c>, and
/// for VPC Lattice sites the values their rendering leaves to apply (<c>--vpc-id</c>, <c>--certificate-arn</c>).
/// </summary>
public abstract class AppMeshSiteCommand : Command
{
    /// <summary>The manifest file or folder.</summary>
    public Argument<string> PathArgument { get; } = new("path") { Description = "A manifest file, or a folder whose *.yaml files form one manifest." };

    /// <summary><c>--site</c>.</summary>
    public Option<string?> SiteOption { get; } = new("--site") { Description = "The App Mesh or VPC Lattice site (default: the only one)." };

    /// <summary><c>--endpoint-url</c>.</summary>
    public Option<string?> EndpointOption { get; } = new("--endpoint-url") { Description = "Talk to this App Mesh or VPC Lattice endpoint instead of the region's (e.g. a local test endpoint)." };

    /// <summary><c>--vpc-id</c>.</summary>
    public Option<string?> VpcIdOption { get; } = new("--vpc-id") { Description = "VPC Lattice sites: the site's VPC, associated with the service network and holding the target groups." };

    /// <summary><c>--certificate-arn</c>.</summary>
    public Option<string?> CertificateArnOption { get; } = new("--certificate-arn")
    {
        Description = "VPC Lattice sites: the ACM certificate for the custom domains of services with HTTPS (http2/grpc) listeners.",
    };

    /// <summary><c>--finish-migration</c>.</summary>
    public Option<bool> FinishMigrationOption { get; } = new("--finish-migration")
    {
        Description = "VPC Lattice sites leaving App Mesh: also delete the site's App Mesh resources, after the Lattice changes (refused while migration.latticeWeight is below 100).",
    };

    /// <summary><c>--appmesh-endpoint-url</c>.</summary>
    public Option<string?> AppMeshEndpointOption { get; } = new("--appmesh-endpoint-url")
    {
        Description = "VPC Lattice sites leaving App Mesh: talk to this App Mesh endpoint instead of the region's (--endpoint-url is Lattice's).",
    };

    /// <summary><c>--output</c>, <c>-o</c>.</summary>
    public Option<string> OutputOption { get; } = CreateOutputOption();

    /// <summary>Creates the command <paramref name="name"/>, running <paramref name="run"/> with the parsed request.</summary>
    protected AppMeshSiteCommand(string name, string description, Func<AppMeshSiteRequest, CliOutput, CancellationToken, Task<int>> run, CliOutput output)
        : base(name, description)
    {
        Add(PathArgument);
        Add(SiteOption);
        Add(EndpointOption);
        Add(OutputOption);
        Add(VpcIdOption);
        Add(CertificateArnOption);
        Add(FinishMigrationOption);
        Add(AppMeshEndpointOption);
        SetAction(CancellableAction.Of((parse, cancellationToken) => OneShotCollection.RunAsync(() => run(Read(parse), output, cancellationToken))));
    }

    /// <summary>The request <paramref name="parse"/> holds.</summary>
    public AppMeshSiteRequest Read(ParseResult parse) => new()
    {
        Path = parse.GetValue(PathArgument)!,
        Site = parse.GetValue(SiteOption),
        EndpointUrl = parse.GetValue(EndpointOption),
        Json = parse.GetValue(OutputOption) == "json",
        Lattice = new LatticeApplyInputs { VpcId = parse.GetValue(VpcIdOption), CertificateArn = parse.GetValue(CertificateArnOption) },
        Migration = new MigrationOptions { Finish = parse.GetValue(FinishMigrationOption), AppMeshEndpointUrl = parse.GetValue(AppMeshEndpointOption) },
    };

    private static Option<string> CreateOutputOption()
    {
        var option = new Option<string>("--output", "-o") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
