#!/usr/bin/env bash
# The gateway's allocation guard (bench/README.md): one request through real gateways in-process
# (bench/Gateway.Benchmarks, a short in-process BenchmarkDotNet job), failing when any benchmark allocates more
# than 2x its bytes per request in bench/gateway/alloc-baseline.json. Allocations only: time is too noisy here.
#   bench/gateway/alloc-guard.sh            # compare (exit 1 on a regression); ends with "alloc-guard: N passed, M failed"
#   bench/gateway/alloc-guard.sh --update   # rewrite the baseline after an intended change; commit it with the change
#   bench/gateway/alloc-guard.sh --no-build # on the Release build already made (test.sh builds the solution in Release)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ "${1:-}" = "--no-build" ]; then shift; else dotnet build bench/Gateway.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly; fi
# BenchmarkDotNet writes its artifacts under the working directory; keep them out of the tree.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
dotnet "$root/bench/Gateway.Benchmarks/bin/Release/net10.0/MeshFed.Gateway.Benchmarks.dll" guard "$root/bench/gateway/alloc-baseline.json" "$@"
