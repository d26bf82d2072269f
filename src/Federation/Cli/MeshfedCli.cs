using System.CommandLine;
using MeshFed.Federation.Commands;

namespace MeshFed.Federation.Cli;

/// <summary>The <c>meshfed</c> command line: one class per command, assembled here.</summary>
public static class MeshfedCli
{
    /// <summary>What <c>meshfed --help</c> says above the command list.</summary>
    public const string Description = """
        meshfed: one service mesh across AWS App Mesh, Istio on GCP and on-prem.

        Examples:
          meshfed validate examples/shop                             check a manifest folder, every error with its position
          meshfed validate mesh.yaml --output json                   the same for scripts and CI
          meshfed analyze examples/shop -o wide                      will it work? every cross-site path, hop by hop
          meshfed render examples/shop --target istio --out out/     Istio resources per site, kustomize-ready
          meshfed render examples/shop --target appmesh --out out/   App Mesh API inputs and controller CRDs per site
          meshfed render examples/shop --target terraform --out out/ terraform.tfvars.json per site for terraform/modules
          meshfed plan examples/shop --site aws-use1                 what apply would change in App Mesh (AWS credentials)
          meshfed apply examples/shop --site aws-use1                make App Mesh match the manifest
          meshfed schema > meshfed.schema.json                       the JSON Schema for editors (VS Code YAML, JetBrains)
          meshfed signals compare orders --html orders.html          one service's golden signals side by side across sites

        Exit codes: 0 ok, 1 invalid input (the errors are printed), 2 usage error, 3 a remote call failed
        (network, cloud API; try again later), 130 stopped by Ctrl+C.
        """;

    /// <summary>Builds the command tree writing to <paramref name="output"/>.</summary>
    public static RootCommand Build(CliOutput output)
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(new ValidateCommand(output));
        root.Subcommands.Add(new AnalyzeCommand(output));
        root.Subcommands.Add(new RenderCommand(output));
        root.Subcommands.Add(new PlanCommand(output));
        root.Subcommands.Add(new ApplyCommand(output));
        root.Subcommands.Add(new SchemaCommand(output));
        root.Subcommands.Add(new TrustCommand(output));
        root.Subcommands.Add(new GatewayCommand(output));
        root.Subcommands.Add(new UpCommand(output));
        root.Subcommands.Add(new SignalsCommand(output));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliOutput output)
    {
        var root = Build(output);
        if (args.Length == 0)
        {
            // No command at all: show what there is, but still tell scripts it was a usage error.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output.Error, Error = output.Error });
            return ExitCodes.Usage;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                output.Error.WriteLine($"meshfed: {error.Message}");
            output.Error.WriteLine("Run 'meshfed --help' for usage.");
            return ExitCodes.Usage;
        }
        return parse.Invoke(Invocation(output));
    }

    /// <summary>
    /// How commands run: printing to <paramref name="output"/>; on Ctrl+C or SIGTERM the command's cancellation token
    /// fires and the command gets <see cref="StopGrace"/> to stop before the process ends anyway.
    /// </summary>
    internal static InvocationConfiguration Invocation(CliOutput output) =>
        new() { Output = output.Out, Error = output.Error, ProcessTerminationTimeout = StopGrace };

    /// <summary>
    /// Time from Ctrl+C or SIGTERM to a stop: System.CommandLine's default of 2 s would end a gateway in the middle of
    /// its drain (20 s, <c>GatewaySettings.DrainTimeout</c>) and <c>up</c> in its own (10 s). 30 s is what Kubernetes
    /// and ECS allow by default between SIGTERM and SIGKILL anyway: PodSpec terminationGracePeriodSeconds
    /// (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#lifecycle) and the container
    /// definition's stopTimeout (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html).
    /// </summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
}
