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

// `warm <runs> <meshfed arguments...>` times one command in-process, warm after the first run, with CPU beside wall.
if (args.Length > 0 && args[0] == "warm")
{
    if (args.Length < 3 || !int.TryParse(args[1], out var runs) || runs < 1)
    {
        Console.Error.WriteLine("usage: warm <runs> <meshfed arguments...>, e.g. warm 5 render /tmp/gen10000-istio.yaml --target istio --site gcp --out - --force");
        return 2;
    }
    return WarmRuns.Run(runs, args[2..]);
}

// The benchmarks are in this assembly; ManifestGenerator lives in tests/Common, shared with the property tests.
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run(args);
return 0;
