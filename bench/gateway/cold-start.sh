#!/usr/bin/env bash
# Cold start on loopback: the time from starting two gateways (the two-site topology of bench/gateway/run.sh:
# curl -> site A's local listener -> federation mTLS -> site B's peer listener -> backend) to the first request
# answered through both, for several builds and runtime settings; each figure is the median of ROUNDS starts,
# the variants alternating within each round so that the machine's load falls on all of them alike.
#   jit        the framework-dependent build, as ./meshfed builds it (IL only: every method is JIT-compiled)
#   r2r        dotnet publish -p:PublishReadyToRun=true (precompiled code for linux-x64; the JIT recompiles hot
#              methods later, as tiered compilation does)
#   *-nopgo    the same with DOTNET_TieredPGO=0 (no instrumented tier while warming up)
#   r2r-notc   ReadyToRun with DOTNET_TieredCompilation=0 (precompiled code, the rest fully optimised at once)
# Also prints when both gateways answered /readyz, to tell the host's start from the first proxied request's work,
# and the CPU time both gateway processes had used by the first answer (user + system): on a shared, busy machine
# the wall time swings with what else runs, the CPU time much less.
# Needs: nginx (the backend, as in run.sh), curl, the .NET SDK (the ReadyToRun publish needs the linux-x64
# crossgen and runtime packs from the NuGet feed).
# Usage: bench/gateway/cold-start.sh [rounds, default 5]
#   env: COLD_START_VARIANTS="jit r2r ..." (default: all of the above)
#        COLD_START_R2R=folder   (an existing ReadyToRun publish of these sources, instead of publishing one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rounds="${1:-5}"
variants=(${COLD_START_VARIANTS:-jit r2r jit-nopgo r2r-nopgo r2r-notc})
for tool in nginx curl; do
  command -v "$tool" >/dev/null || { echo "cold-start: $tool is missing (apt-get install -y nginx-light curl)" >&2; exit 2; }
done
work="$(mktemp -d)"
pids=(); gateway_pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Ports (loopback only), apart from run.sh's so that both can run on one machine.
backend=19080; a_local=19081; b_local=19082; a_admin=19091; b_admin=19092; a_peer=19443; b_peer=19444
host="bench.default.svc.cluster.local"

# The builds: ./meshfed's (framework-dependent, IL) and a ReadyToRun publish of the same sources.
cd "$repo"
./meshfed --help >/dev/null
jit_dll="$repo/.build/meshfed/meshfed.dll"
r2r_dir="${COLD_START_R2R:-$repo/.build/meshfed-r2r}"
if [ -z "${COLD_START_R2R:-}" ]; then
  # Its own artifacts folder: publishing for a runtime identifier into the projects' obj/ would make the next
  # ./meshfed build recompile everything, and the next publish again.
  dotnet publish src/Federation/MeshFed.Federation.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    --artifacts-path "$repo/.build/r2r-artifacts" -o "$r2r_dir" --nologo -v quiet -clp:ErrorsOnly >&2
fi
r2r_dll="$r2r_dir/meshfed.dll"

# The backend: nginx answering 1 KB.
mkdir -p "$work/www" "$work/nginx"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/www/index.html"
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/index.html" # nginx workers may run as another user
cat > "$work/nginx/backend.conf" <<NGINX
pid $work/nginx/backend.pid; error_log $work/nginx/backend.err warn; worker_processes 1; events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$backend; root $work/www; location / { } } }
NGINX
nginx -c "$work/nginx/backend.conf" -p "$work/nginx" -e "$work/nginx/backend.err" -g 'daemon off;' & pids+=($!)

# The manifest of run.sh: site b runs the service (static endpoint: the backend), site a calls it.
cat > "$work/bench.yaml" <<YAML
apiVersion: meshfed.dev/v1alpha1
kind: FederatedMesh
metadata: { name: bench }
spec:
  trustDomain: bench.meshfed.local
  sites:
    - { name: a, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $a_peer } }
    - { name: b, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $b_peer } }
  services:
    - name: bench
      ports: [{ port: 8080 }]
      exportTo: [a, b]
      deployments:
        - { site: b, version: v1, discovery: { static: ["127.0.0.1:$backend"] } }
  telemetry: { metrics: [prometheus], traces: [local], sampling: 0.01 }
YAML
dotnet "$jit_dll" trust init "$work/bench.yaml" --dir "$work/trust" >/dev/null
dotnet "$jit_dll" trust issue "$work/bench.yaml" --dir "$work/trust" >/dev/null
cd "$work"
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$backend/" && break; sleep 0.1; done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ms() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $((t * 1000 / $(getconf CLK_TCK))); }
# One cold start of variant $1: prints "ready_ms first_ms cpu_ms" (times from the moment the two gateways are started).
start_once() {
  local variant="$1" dll="$jit_dll" env=()
  case "$variant" in r2r*) dll="$r2r_dll" ;; esac
  case "$variant" in *-nopgo) env=(DOTNET_TieredPGO=0) ;; *-notc) env=(DOTNET_TieredCompilation=0) ;; esac
  gateway_pids=()
  local t0; t0=$(now_ms)
  for site in a b; do
    eval "local_port=\$${site}_local; admin_port=\$${site}_admin; peer_port=\$${site}_peer"
    env "${env[@]}" dotnet "$dll" gateway "$work/bench.yaml" --site $site --trust-dir "$work/trust/sites/$site" \
      --local-listen 127.0.0.1:$local_port --admin-listen 127.0.0.1:$admin_port --peer-listen 127.0.0.1:$peer_port \
      > "$work/gateway-$site.log" 2>&1 & gateway_pids+=($!)
  done
  local ready="" first="" cpu="" deadline=$((t0 + 60000))
  while [ -z "$first" ] && [ "$(now_ms)" -lt $deadline ]; do
    if [ -z "$ready" ] && curl -fs -o /dev/null "http://127.0.0.1:$a_admin/readyz" && curl -fs -o /dev/null "http://127.0.0.1:$b_admin/readyz"; then
      ready=$(( $(now_ms) - t0 ))
    fi
    if curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$a_local/"; then first=$(( $(now_ms) - t0 )); cpu=$(cpu_ms "${gateway_pids[@]}"); fi
    [ -n "$first" ] || sleep 0.02
  done
  kill "${gateway_pids[@]}" 2>/dev/null || true; wait "${gateway_pids[@]}" 2>/dev/null || true
  [ -n "$first" ] || { echo "cold-start: $variant did not answer within 60 s" >&2; cat "$work"/gateway-*.log >&2; exit 1; }
  echo "${ready:-$first} $first $cpu"
}

echo "cold start, two gateways to the first request answered through A -> mTLS -> B -> backend ($rounds rounds; ms):"
for round in $(seq 1 "$rounds"); do
  n=${#variants[@]}
  for i in $(seq 0 $((n - 1))); do
    v="${variants[$(( (i + round) % n ))]}" # a different variant goes first in each round
    times=$(start_once "$v"); read -r ready first cpu <<< "$times"
    echo "$v $ready $first $cpu" >> "$work/results"
    printf '  round %d  %-10s  both ready %6d   first answer %6d   gateway CPU %6d\n' "$round" "$v" "$ready" "$first" "$cpu"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "medians (min-max) over $rounds starts; gateway CPU is user + system time of both processes:"
for v in "${variants[@]}"; do
  r=$(awk -v v="$v" '$1 == v { print $2 }' "$work/results" | median)
  f=$(awk -v v="$v" '$1 == v { print $3 }' "$work/results" | median)
  range=$(awk -v v="$v" '$1 == v { print $3 }' "$work/results" | sort -n | sed -n '1p;$p' | paste -sd-)
  c=$(awk -v v="$v" '$1 == v { print $4 }' "$work/results" | median)
  crange=$(awk -v v="$v" '$1 == v { print $4 }' "$work/results" | sort -n | sed -n '1p;$p' | paste -sd-)
  printf '  %-10s  both ready %6s ms   first answer %6s ms (%s)   gateway CPU to first answer %6s ms (%s)\n' "$v" "$r" "$f" "$range" "$c" "$crange"
done
