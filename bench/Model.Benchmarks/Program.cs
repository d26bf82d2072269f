using BenchmarkDotNet.Running;
using MeshFed.Model.Benchmarks;

// `generate <services> <file> [seed] [--istio-only]` writes a generated manifest (to time `meshfed validate`
// and `render` by hand); anything else goes to BenchmarkDotNet, e.g. `--filter '*'` or `--job short --filter '*'`.
if (args.Length > 0 && args[0] == "generate")
{
    var istioOnly = args.Contains("--istio-only");
    var positional = args.Where(a => a != "--istio-only").ToArray();
    if (positional.Length is < 3 or > 4 || !int.TryParse(positional[1], out var services) || services < 0
        || (positional.Length == 4 && !int.TryParse(positional[3], out _)))
    {
        Console.Error.WriteLine("usage: generate <services> <output.yaml> [seed] [--istio-only]");
        return 2;
    }
    var seed = positional.Length == 4 ? int.Parse(positional[3]) : 1;
    var text = ManifestGenerator.Generate(services, seed, istioOnly);
    File.WriteAllText(positional[2], text);
    Console.Error.WriteLine($"wrote {positional[2]}: {services} services, {text.Length:N0} characters, {text.Count(c => c == '\n'):N0} lines");
    return 0;
}

// The benchmarks are in this assembly; ManifestGenerator lives in tests/Common, shared with the property tests.
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
return 0;
