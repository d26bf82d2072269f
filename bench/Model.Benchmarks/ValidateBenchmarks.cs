using BenchmarkDotNet.Attributes;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;
using MeshFed.Model.Validation;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Benchmarks;

/// <summary>
/// Loading and validating a generated manifest, end to end (<see cref="LoadAndValidate"/>), plus its two
/// measurable parts: YAML parsing alone and the validators alone on an already bound mesh. Binding is what
/// is left of the end-to-end time.
/// </summary>
[MemoryDiagnoser]
public class ValidateBenchmarks
{
    private const string FileName = "generated.yaml";

    private string _text = "";
    private ManifestLoadResult _loaded = null!;

    /// <summary>How many services the generated manifest has.</summary>
    [Params(500, 5000)]
    public int Services { get; set; }

    /// <summary>Generates the manifest and checks that it has no error (warnings, e.g. App Mesh quotas, are expected).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _text = ManifestGenerator.Generate(Services);
        _loaded = ManifestLoader.LoadText(_text, FileName);
        if (!_loaded.IsValid)
        {
            var first = string.Join(Environment.NewLine, _loaded.Errors.Take(5).Select(d => "  " + d));
            throw new InvalidOperationException(
                $"the generated manifest ({Services} services) has {_loaded.Errors.Count()} errors; the first ones:{Environment.NewLine}{first}");
        }
    }

    /// <summary>
    /// The peer measured in the same run: YamlDotNet's event parser reading the same text and keeping
    /// nothing. Ratios against it say what positions, binding and validation cost on top of bare parsing.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int YamlDotNetEventsOnly()
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(_text));
        var events = 0;
        while (parser.MoveNext())
            events++;
        return events;
    }

    /// <summary>What <c>meshfed validate</c> does after reading the file: parse, merge, bind, validate.</summary>
    [Benchmark]
    public ManifestLoadResult LoadAndValidate() => ManifestLoader.LoadText(_text, FileName);

    /// <summary>YAML text to positioned nodes only.</summary>
    [Benchmark]
    public int ParseYaml() => YamlTextReader.Read(_text, FileName, YamlLimits.Default, new DiagnosticBag()).Count;

    /// <summary>The validators only, on the mesh bound in setup.</summary>
    [Benchmark]
    public int ValidateOnly()
    {
        var diagnostics = new DiagnosticBag();
        MeshValidator.Validate(_loaded.Mesh!, _loaded.Sources, diagnostics);
        return diagnostics.Items.Count;
    }
}
