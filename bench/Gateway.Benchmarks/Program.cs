using BenchmarkDotNet.Running;
using MeshFed.Gateway.Benchmarks;

// `guard BASELINE [--update]`: the allocation guard (bench/gateway/alloc-guard.sh); otherwise BenchmarkDotNet's
// switcher, e.g. `--job short --filter '*'` (bench/README.md).
if (args is ["guard", var baseline, .. var rest])
    return AllocationGuard.Run(baseline, update: rest.Contains("--update"));
if (args is ["alloc-types", var benchmark, var count])
    return await AllocationSampler.RunAsync(benchmark, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
BenchmarkSwitcher.FromAssembly(typeof(GatewayRequestBenchmarks).Assembly).Run(args);
return 0;
