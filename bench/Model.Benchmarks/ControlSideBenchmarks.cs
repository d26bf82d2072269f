using BenchmarkDotNet.Attributes;
using MeshFed.Federation.Cli;

namespace MeshFed.Model.Benchmarks;

/// <summary>
/// The control side end to end, through the CLI's own entry point in-process (what a warm <c>meshfed</c> does
/// after start-up): <c>validate</c>, and <c>render --target istio --site gcp --out - --force</c> (load,
/// validate, the analysis' rendering of every site and its walk of every path, the site's rendering, its
/// YAML stream). The manifest is <see cref="ManifestGenerator"/>'s with its aws site on Istio (<c>--istio-only</c>):
/// with App Mesh there, rendering grows as nodes × visible services (bench/README.md). <c>--force</c> because
/// the analysis finds the generated allow rules' callers on aws without caller identity (MF709); it still
/// runs in full and prints them, to a null writer here.
/// </summary>
[MemoryDiagnoser]
public class ControlSideBenchmarks
{
    private string _file = "";

    /// <summary>How many services the generated manifest has.</summary>
    [Params(10000)]
    public int Services { get; set; }

    /// <summary>Writes the generated manifest to a temporary file, as a user's would be.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"meshfed-bench-{Services}-{Environment.ProcessId}.yaml");
        File.WriteAllText(_file, ManifestGenerator.Generate(Services, istioOnly: true));
    }

    /// <summary>Removes the manifest.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    /// <summary><c>meshfed validate</c>.</summary>
    [Benchmark(Baseline = true)]
    public int Validate() => Run("validate", _file);

    /// <summary><c>meshfed render --target istio --site gcp --out - --force</c>, the stream written to a null writer.</summary>
    [Benchmark]
    public int RenderSiteToStream() => Run("render", _file, "--target", "istio", "--site", "gcp", "--out", "-", "--force");

    private static int Run(params string[] args)
    {
        var code = MeshfedCli.Run(args, new CliOutput(TextWriter.Null, TextWriter.Null));
        return code == ExitCodes.Success ? code : throw new InvalidOperationException($"meshfed {string.Join(' ', args)} exited {code}");
    }
}
