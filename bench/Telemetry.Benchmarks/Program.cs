using BenchmarkDotNet.Running;

// e.g. `--job short --filter '*'`; see bench/README.md.
BenchmarkSwitcher.FromAssembly(typeof(MeshFed.Telemetry.Benchmarks.InstantHttpHandler).Assembly).Run(args);
