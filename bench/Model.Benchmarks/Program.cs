using BenchmarkDotNet.Running;
using MeshFed.Model.Benchmarks;

// `generate <services> <file> [seed]` writes a generated manifest (to time `meshfed validate` by hand);
// anything else goes to BenchmarkDotNet, e.g. `--filter '*'` or `--job short --filter '*'`.
if (args.Length > 0 && args[0] == "generate")
{
    if (args.Length is < 3 or > 4 || !int.TryParse(args[1], out var services) || services < 0
        || (args.Length == 4 && !int.TryParse(args[3], out _)))
    {
        Console.Error.WriteLine("usage: generate <services> <output.yaml> [seed]");
        return 2;
    }
    var seed = args.Length == 4 ? int.Parse(args[3]) : 1;
    var text = ManifestGenerator.Generate(services, seed);
    File.WriteAllText(args[2], text);
    Console.Error.WriteLine($"wrote {args[2]}: {services} services, {text.Length:N0} characters, {text.Count(c => c == '\n'):N0} lines");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
