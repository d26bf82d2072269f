#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed" (the CI reads it).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# The conformance tests check rendered output with the vendors' own packages from npm.
for tool in tests/conformance/istio tests/conformance/aws tests/conformance/terraform tests/conformance/telemetry tests/conformance/lattice; do
  if [ ! -d "$tool/node_modules" ] || [ "$tool/package-lock.json" -nt "$tool/node_modules" ]; then
    npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error || exit 1
  fi
done
# The Terraform checks read the provider schemas from HashiCorp's provider bindings, extracted once (cached).
node tests/conformance/terraform/provider-schemas.mjs || exit 1
log="$(mktemp)"
# The whole solution in Release, once: the tests and the allocation guard below (a benchmark project, which
# `dotnet test` alone would not build) run on that build.
dotnet build Federation.sln -c Release --nologo -v q -clp:ErrorsOnly 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test Federation.sln -c Release --no-build --nologo 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
fi
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or the runner failed before any test could
fi
# The gateway's allocation guard: fails when a request through the gateways allocates over 2x the checked-in
# baseline (bench/README.md; about 10 s, on the Release build made above).
bench/gateway/alloc-guard.sh --no-build 2>&1 | tee "$log"
guard_status=${PIPESTATUS[0]}
guard_passed=$(grep -oE 'alloc-guard: [0-9]+ passed' "$log" | grep -oE '[0-9]+' || echo 0)
guard_failed=$(grep -oE ', [0-9]+ failed$' "$log" | grep -oE '[0-9]+' || echo 0)
if [ "$guard_status" -ne 0 ] && [ "$guard_failed" -eq 0 ]; then
  guard_failed=1 # the guard could not build or run
fi
passed=$((passed + guard_passed))
failed=$((failed + guard_failed))
[ "$guard_status" -ne 0 ] && status=$guard_status
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
