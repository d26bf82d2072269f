#!/usr/bin/env bash
# Gateway benchmark on loopback, one machine, one run (bench/README.md has the latest figures):
#   wrk -> site A's local listener -> federation mTLS -> site B's peer listener -> backend (1 KB and 64 KB)
# measured for meshfed's gateways and for the same topology built from nginx (proxy_ssl_certificate +
# ssl_verify_client) and from HAProxy (server ... ssl crt ... verify required), plus the backend alone, in
# rounds whose order alternates; each figure is the median of the rounds, with its range. Prints requests/s at
# saturation, proxy CPU per request, latency percentiles at about 1,000 requests/s, and the ratios to nginx and
# HAProxy. A third anchor, "yarp", is the same two hops built from YARP alone with meshfed's transport settings
# (bench/YarpFloor): the floor of any YARP-based gateway, so meshfed/yarp is what meshfed's own work costs.
# Needs: wrk, nginx-light, haproxy (Debian packages), the .NET SDK.
# Usage: bench/gateway/run.sh [seconds per run, default 15]   (BENCH_ROUNDS, default 3)
#        BENCH_ALT_ENV="VAR=value ..." bench/gateway/run.sh ...   (adds "meshfed-alt": a second pair of meshfed
#                                       gateways started with those environment variables, measured in the same
#                                       rounds: an A/B of a runtime setting on the same machine at the same time)
#        BENCH_ALT_DLL=/path/to/meshfed.dll bench/gateway/run.sh ...   ("meshfed-alt" runs another build, e.g. the
#                                       commit before a change: before/after in the same run)
#        bench/gateway/run.sh --hold   (builds both topologies, prints their URLs and gateway PIDs, and waits:
#                                       for profiling, e.g. dotnet-trace collect -p PID, under your own wrk)
#        bench/gateway/run.sh --exporters [seconds]   (meshfed throughput with every telemetry exporter on vs off,
#                                       exporting to a loopback sink; two pairs side by side, 6 runs of each, alternating,
#                                       the pairs swapping places after 3, each placement after BENCH_EXPORTERS_WARMUP
#                                       seconds of load on each pair, default 120; BENCH_ON_TELEMETRY='{ metrics:
#                                       [prometheus], traces: [], sampling: 0.01 }' makes "on" the same as "off": the
#                                       method's own spread)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
hold=false; exporters=false
if [ "${1:-}" = "--hold" ]; then hold=true; shift; fi
if [ "${1:-}" = "--exporters" ]; then exporters=true; shift; fi
seconds="${1:-15}"
rounds="${BENCH_ROUNDS:-3}"
for tool in wrk nginx haproxy; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk nginx-light haproxy)" >&2; exit 2; }
done
work="$(mktemp -d)"
pids=(); gateway_pids=(); alt_pids=(); declare -A nginx_masters
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Ports (loopback only).
backend=18080; a_local=18081; b_local=18082; a_admin=18091; b_admin=18092; a_peer=18443; b_peer=18444
n_a=28081; n_b=28444; h_a=38081; h_b=38444; y_a=48081; y_b=48444
alt_a_local=18083; alt_b_local=18084; alt_a_admin=18093; alt_b_admin=18094; alt_a_peer=18445; alt_b_peer=18446

# The backend: nginx answering 1 KB at / and 64 KB at /64k.
mkdir -p "$work/www" "$work/nginx"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/www/index.html"
head -c 65536 /dev/zero | tr '\0' 'x' > "$work/www/64k"
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/index.html" "$work/www/64k" # nginx workers may run as another user
common="pid PIDFILE; error_log ERRLOG warn; worker_processes auto; events { worker_connections 4096; }"
nginx_conf() { # name body
  local conf="$work/nginx/$1.conf"
  { echo "${common//PIDFILE/$work/nginx/$1.pid}" | sed "s|ERRLOG|$work/nginx/$1.err|"; echo "http { access_log off; $2 }"; } > "$conf"
  nginx -c "$conf" -p "$work/nginx" -e "$work/nginx/$1.err" -g 'daemon off;' & pids+=($!); nginx_masters[$1]=$!
}
nginx_conf backend "server { listen 127.0.0.1:$backend; keepalive_requests 1000000; root $work/www; location / { } }"

# The manifest: site b runs the service (static endpoint: the backend), site a calls it.
manifest() { # telemetry-line [a-peer-port b-peer-port]
local ap="${2:-$a_peer}" bp="${3:-$b_peer}"
cat <<YAML
apiVersion: meshfed.dev/v1alpha1
kind: FederatedMesh
metadata: { name: bench }
spec:
  trustDomain: bench.meshfed.local
  sites:
    - { name: a, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $ap } }
    - { name: b, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $bp } }
    # Sites without gateways, so the manifest names an AWS region and a GCP project for the cloud exporters.
    - { name: aws, provider: aws, region: us-east-1, mesh: appmesh }
    - { name: gcp, provider: gcp, project: bench-project, region: europe-west1, mesh: istio }
  services:
    - name: bench
      ports: [{ port: 8080 }]
      exportTo: [a, b]
      deployments:
        - { site: b, version: v1, discovery: { static: ["127.0.0.1:$backend"] } }
  telemetry: $1
YAML
}
manifest "{ metrics: [prometheus], traces: [local], sampling: 0.01 }" > "$work/bench.yaml"
manifest "{ metrics: [prometheus], traces: [local], sampling: 0.01 }" $alt_a_peer $alt_b_peer > "$work/bench-alt.yaml"

# Trust: the federation CA and both gateways' SVIDs.
cd "$repo"
./meshfed trust init "$work/bench.yaml" --dir "$work/trust" >/dev/null
./meshfed trust issue "$work/bench.yaml" --dir "$work/trust" >/dev/null
dll="$repo/.build/meshfed/meshfed.dll"
dotnet build "$repo/bench/YarpFloor/MeshFed.YarpFloor.csproj" -c Release -o "$repo/.build/yarp-floor" --nologo -v quiet -clp:ErrorsOnly >/dev/null
cd "$work"
start_gateways() { # manifest [gateway options...]
  local file="$1"; shift
  gateway_pids=()
  for site in a b; do
    eval "local_port=\$${site}_local; admin_port=\$${site}_admin; peer_port=\$${site}_peer"
    dotnet "$dll" gateway "$file" --site $site --trust-dir "$work/trust/sites/$site" \
      --local-listen 127.0.0.1:$local_port --admin-listen 127.0.0.1:$admin_port --peer-listen 127.0.0.1:$peer_port "$@" \
      > "$work/gateway-$site.log" 2>&1 & pids+=($!); gateway_pids+=($!)
  done
}
start_alt_gateways() { # [manifest [gateway options...]]: the second pair, on its own ports, with BENCH_ALT_ENV in its environment
  local site file="${1:-$work/bench-alt.yaml}"; shift || true
  for site in a b; do
    eval "local_port=\$alt_${site}_local; admin_port=\$alt_${site}_admin; peer_port=\$alt_${site}_peer"
    env ${BENCH_ALT_ENV:-} dotnet "${BENCH_ALT_DLL:-$dll}" gateway "$file" --site $site --trust-dir "$work/trust/sites/$site" \
      --local-listen 127.0.0.1:$local_port --admin-listen 127.0.0.1:$admin_port --peer-listen 127.0.0.1:$peer_port "$@" \
      > "$work/gateway-alt-$site.log" 2>&1 & pids+=($!); alt_pids+=($!)
  done
}
stop_gateways() { kill "${gateway_pids[@]}" 2>/dev/null || true; wait "${gateway_pids[@]}" 2>/dev/null || true; }
start_gateways "$work/bench.yaml"
[ -n "${BENCH_ALT_ENV:-}${BENCH_ALT_DLL:-}" ] && start_alt_gateways

# The same topology from nginx: A proxies to B over mTLS with A's SVID; B requires a client certificate of the bundle.
sa="$work/trust/sites/a"; sb="$work/trust/sites/b"
nginx_conf nginx-b "server { listen 127.0.0.1:$n_b ssl; ssl_protocols TLSv1.2 TLSv1.3; ssl_certificate $sb/gateway.crt; ssl_certificate_key $sb/gateway.key;
  ssl_client_certificate $sb/bundle.pem; ssl_verify_client on; ssl_verify_depth 2; keepalive_requests 1000000;
  location / { proxy_pass http://backend_pool; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }
  upstream backend_pool { server 127.0.0.1:$backend; keepalive 128; }"
nginx_conf nginx-a "server { listen 127.0.0.1:$n_a; keepalive_requests 1000000;
  location / { proxy_pass https://peer_pool; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host;
    proxy_ssl_certificate $sa/gateway.crt; proxy_ssl_certificate_key $sa/gateway.key; proxy_ssl_trusted_certificate $sa/bundle.pem;
    proxy_ssl_verify on; proxy_ssl_verify_depth 2; proxy_ssl_name gateway.b.bench.meshfed.local; proxy_ssl_protocols TLSv1.2 TLSv1.3; proxy_ssl_session_reuse on; } }
  upstream peer_pool { server 127.0.0.1:$n_b; keepalive 128; }"

# And from HAProxy: A originates mTLS with A's SVID and verifies B's chain; B requires a client certificate of the bundle.
cat "$sa/gateway.crt" "$sa/gateway.key" > "$work/haproxy-a.pem"; cat "$sb/gateway.crt" "$sb/gateway.key" > "$work/haproxy-b.pem"
cat > "$work/haproxy.cfg" <<CFG
global
  maxconn 8000
  nbthread 2
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  http-reuse always
frontend ha_a
  bind 127.0.0.1:$h_a
  default_backend ha_a_peer
backend ha_a_peer
  server b 127.0.0.1:$h_b ssl crt $work/haproxy-a.pem ca-file $sa/bundle.pem verify required sni str(gateway.b.bench.meshfed.local) ssl-min-ver TLSv1.2
frontend ha_b
  bind 127.0.0.1:$h_b ssl crt $work/haproxy-b.pem ca-file $sb/bundle.pem verify required ssl-min-ver TLSv1.2
  default_backend ha_b_backend
backend ha_b_backend
  server backend 127.0.0.1:$backend
CFG
haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 & pids+=($!); haproxy_pid=$!

# And from YARP alone (bench/YarpFloor): A forwards over an HTTP/2 TLS 1.3 link with A's SVID; B requires a client
# certificate of the bundle and forwards to the backend, as meshfed's gateways do, without meshfed's own work.
yarp_pids=()
dotnet "$repo/.build/yarp-floor/yarp-floor.dll" b $y_b $backend "$sb/gateway.crt" "$sb/gateway.key" "$sb/bundle.pem" > "$work/yarp-b.log" 2>&1 & pids+=($!); yarp_pids+=($!)
dotnet "$repo/.build/yarp-floor/yarp-floor.dll" a $y_a $y_b "$sa/gateway.crt" "$sa/gateway.key" "$sa/bundle.pem" > "$work/yarp-a.log" 2>&1 & pids+=($!); yarp_pids+=($!)

wait_ready() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "bench: $1 not ready" >&2; cat "$work"/*.log "$work"/nginx/*.err >&2 || true; exit 1; }
wait_ready "http://127.0.0.1:$a_admin/readyz"; wait_ready "http://127.0.0.1:$b_admin/readyz"
if [ -n "${BENCH_ALT_ENV:-}${BENCH_ALT_DLL:-}" ]; then wait_ready "http://127.0.0.1:$alt_a_admin/readyz"; wait_ready "http://127.0.0.1:$alt_b_admin/readyz"; fi
wait_ready "http://127.0.0.1:$backend/"
host="bench.default.svc.cluster.local"
curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$a_local/" || { echo "bench: meshfed path does not answer" >&2; cat "$work"/gateway-*.log >&2; exit 1; }
# nginx cannot check SPIFFE IDs (URI SANs); it checks the chain, which is the same TLS work.
curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$n_a/" || { echo "bench: nginx path does not answer" >&2; cat "$work"/nginx/*.err >&2; exit 1; }
curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$h_a/" || { echo "bench: HAProxy path does not answer" >&2; cat "$work"/haproxy.log >&2; exit 1; }
wait_ready "http://127.0.0.1:$y_a/" || { echo "bench: YARP path does not answer" >&2; cat "$work"/yarp-*.log >&2; exit 1; }

exporter_sink() { # starts the loopback sink; sets on=(gateway options) and writes bench-on.yaml / bench-off.yaml
  # A loopback sink for CloudWatch, X-Ray, Cloud Monitoring and Cloud Trace: 200 with an empty JSON object
  # (which each API's success body allows), and OAuth2 tokens for the service-account key below.
  sink=18099
  cat > "$work/sink.py" <<'PY'
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"access_token":"bench","expires_in":3600,"token_type":"Bearer"}' if self.path == "/token" else b"{}"
        self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
  python3 "$work/sink.py" $sink & pids+=($!)
  openssl genrsa -out "$work/sa.pem" 2048 2>/dev/null
  python3 - "$work/sa.pem" "http://127.0.0.1:$sink/token" > "$work/sa.json" <<'PY'
import json, sys
print(json.dumps({"type": "service_account", "project_id": "bench-project", "private_key_id": "bench", "private_key": open(sys.argv[1]).read(),
  "client_email": "bench@bench-project.iam.gserviceaccount.com", "client_id": "1", "token_uri": sys.argv[2]}))
PY
  export GOOGLE_APPLICATION_CREDENTIALS="$work/sa.json" AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
  # BENCH_ON_TELEMETRY narrows "on" to some sinks, to see which one costs what.
  manifest "${BENCH_ON_TELEMETRY:-{ metrics: [prometheus, cloudwatch, cloud-monitoring, local], traces: [xray, cloud-trace, local], sampling: 0.01 \}}" > "$work/bench-on.yaml"
  manifest "{ metrics: [prometheus], traces: [], sampling: 0.01 }" > "$work/bench-off.yaml"
  on=(--export-interval 5s --telemetry-endpoint "cloudwatch=http://127.0.0.1:$sink" --telemetry-endpoint "xray=http://127.0.0.1:$sink"
      --telemetry-endpoint "cloud-monitoring=http://127.0.0.1:$sink" --telemetry-endpoint "cloud-trace=http://127.0.0.1:$sink")
}

if $hold; then
  if [ -n "${BENCH_HOLD_EXPORTERS:-}" ]; then # the held meshfed gateways with every exporter on (for profiling "on")
    exporter_sink; stop_gateways; start_gateways "$work/bench-on.yaml" "${on[@]}"
    wait_ready "http://127.0.0.1:$a_admin/readyz"; wait_ready "http://127.0.0.1:$b_admin/readyz"
  fi
  echo "meshfed: http://127.0.0.1:$a_local/ (gateway PIDs: a ${gateway_pids[0]}, b ${gateway_pids[1]})   nginx: http://127.0.0.1:$n_a/   HAProxy: http://127.0.0.1:$h_a/   YARP alone: http://127.0.0.1:$y_a/ (PIDs ${yarp_pids[*]})   backend: http://127.0.0.1:$backend/   Host: $host"
  echo "holding; Ctrl+C stops everything"
  wait
  exit 0
fi

# CPU time (user + system, clock ticks) of processes: throughput on this shared 2-core machine swings with
# what else runs, CPU time per request much less, so both are reported.
ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
proxy_pids() { # meshfed | nginx | backend: the processes doing that path's proxying
  case "$1" in
    meshfed) echo "${gateway_pids[@]}" ;;
    meshfed-alt) echo "${alt_pids[@]}" ;;
    haproxy) echo "$haproxy_pid" ;;
    yarp) echo "${yarp_pids[@]}" ;;
    nginx) pgrep -P "${nginx_masters[nginx-a]}" | tr '\n' ' '; pgrep -P "${nginx_masters[nginx-b]}" | tr '\n' ' ' ;;
    *) echo "" ;;
  esac
}
run() { # key path url wrk-args...
  local key="$1" path="$2" url="$3"; shift 3
  local watched; watched=$(proxy_pids "$path")
  local before; before=$(ticks $watched)
  wrk "$@" -H "Host: $host" --latency "$url" > "$work/$key.txt" 2>&1
  local after; after=$(ticks $watched)
  local rps p50 p99 requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$key.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$key.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$key.txt")
  requests=$(awk '/requests in/ {print $1}' "$work/$key.txt")
  cpu=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))
  if [ -n "$watched" ]; then
    printf '  %-16s %12s req/s   p50 %9s   p99 %9s   proxy CPU %5s µs/req\n' "$key" "$rps" "$p50" "$p99" "$cpu"
  else
    printf '  %-16s %12s req/s   p50 %9s   p99 %9s\n' "$key" "$rps" "$p50" "$p99"
  fi
  echo "$key $rps $p50 $p99 $cpu" >> "$work/results"
}
field() { awk -v k="$1" -v f="$2" '$1 == k {print $f}' "$work/results"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

if $exporters; then
  # The second pair is "on" for three rounds and "off" for three: an alternative build or environment would be both.
  [ -n "${BENCH_ALT_ENV:-}${BENCH_ALT_DLL:-}" ] && { echo "bench: BENCH_ALT_ENV/BENCH_ALT_DLL do not combine with --exporters (the pairs swap roles)" >&2; exit 2; }
  exporter_sink
  echo "exporters off vs on (wrk -t1 -c64 -d${seconds}s each, 6 rounds in alternating order; on = CloudWatch, X-Ray, Cloud Monitoring, Cloud Trace, local store, 5 s metric interval, 1 % of traces):"
  # Both pairs run side by side for the whole measurement and the rounds alternate which is measured first: what
  # else runs on this shared machine then weighs on both, and neither pays a restart (the JIT, the first exports)
  # inside a measurement. The idle pair only waits (the "on" pair's exporters send what little changed every 5 s).
  # The pairs swap places half-way (rounds 1-3 "on" is the second pair, rounds 4-6 the first): a run with the same
  # telemetry on both pairs measured the second pair at 0.94 of the first (2026-12-03), as large as the gap this
  # measures, so each placement's ratio is printed and the result is taken over both.
  stop_gateways
  manifest "${BENCH_ON_TELEMETRY:-{ metrics: [prometheus, cloudwatch, cloud-monitoring, local], traces: [xray, cloud-trace, local], sampling: 0.01 \}}" $alt_a_peer $alt_b_peer > "$work/bench-on-alt.yaml"
  manifest "{ metrics: [prometheus], traces: [], sampling: 0.01 }" $alt_a_peer $alt_b_peer > "$work/bench-off-alt.yaml"
  # Each mode's CPU split by thread: the JIT (".NET Tiered Com"), the exporters' threads ("meshfed-export-*",
  # "OpenTelemetry-*"), the rest (requests); clock ticks summed over both gateways of the pair.
  # Per thread, so that a thread that exits during a run (the tiering thread does, once it has nothing left to compile)
  # counts what it had spent when last seen instead of taking its whole time out of the sum (which went negative).
  thread_ticks() { # pattern pids... -> "tid ticks" lines
    local pattern="$1" task; shift
    for p in "$@"; do for task in /proc/"$p"/task/*; do
      grep -qE "$pattern" "$task/comm" 2>/dev/null && awk -v tid="${task##*/}" '{ sub(/^.*\) /, ""); print tid, $12 + $13 }' "$task/stat" 2>/dev/null
    done; done; true
  }
  ticks_since() { # before-file after-file -> ticks spent in between by the threads of either
    awk 'FNR == NR { before[$1] = $2; last[$1] = $2; next } { last[$1] = $2 } END { t = 0; for (tid in last) t += last[tid] - (tid in before ? before[tid] : 0); print t }' "$1" "$2"
  }
  declare -A exporter_url exporter_path
  for placement in second first; do
    if [ $placement = second ]; then
      start_gateways "$work/bench-off.yaml"; alt_pids=(); start_alt_gateways "$work/bench-on-alt.yaml" "${on[@]}"
      exporter_url=([off]="http://127.0.0.1:$a_local/" [on]="http://127.0.0.1:$alt_a_local/"); exporter_path=([off]=meshfed [on]=meshfed-alt)
    else
      start_gateways "$work/bench-on.yaml" "${on[@]}"; alt_pids=(); start_alt_gateways "$work/bench-off-alt.yaml"
      exporter_url=([on]="http://127.0.0.1:$a_local/" [off]="http://127.0.0.1:$alt_a_local/"); exporter_path=([on]=meshfed [off]=meshfed-alt)
    fi
    for admin in $a_admin $b_admin $alt_a_admin $alt_b_admin; do wait_ready "http://127.0.0.1:$admin/readyz"; done
    # Warm-up until tiered compilation is done with both pairs (BENCH_EXPORTERS_WARMUP seconds each, default 120): the
    # exporters' code runs once per export interval (5 s) and per sampled request, so it reaches its call counts and
    # tier 1 late. Held "on" gateways on a loaded machine spent 192, 90, 20, 6, 4 µs per request in the JIT in
    # successive 20-second windows of load, then 0-3 (2026-12-03); with 30 s of warm-up the JIT was 23 µs of the 33 µs
    # "on" cost over "off", with 120 s 1.4 µs. A gateway runs for days: the comparison is of the steady state.
    for mode in off on; do wrk -t1 -c64 -d"${BENCH_EXPORTERS_WARMUP:-120}s" -H "Host: $host" "${exporter_url[$mode]}" >/dev/null; done
    rounds_here="1 2 3"; [ $placement = first ] && rounds_here="4 5 6"
    for round in $rounds_here; do
      order="off on"; [ $((round % 2)) -eq 0 ] && order="on off"
      for mode in $order; do
        watched=$(proxy_pids "${exporter_path[$mode]}")
        thread_ticks '^.NET Tiered' $watched > "$work/jit0"; thread_ticks '^(meshfed-export|OpenTelemetry)' $watched > "$work/exp0"
        run "$mode-$round" "${exporter_path[$mode]}" "${exporter_url[$mode]}" -t1 -c64 -d"${seconds}s"
        thread_ticks '^.NET Tiered' $watched > "$work/jit1"; thread_ticks '^(meshfed-export|OpenTelemetry)' $watched > "$work/exp1"
        echo "$mode-$round $(ticks_since "$work/jit0" "$work/jit1") $(ticks_since "$work/exp0" "$work/exp1")" >> "$work/threads"
      done
    done
    [ $placement = second ] && grep -h "Telemetry" "$work"/gateway-alt-a.log | sed 's/^/  gateway a (on): /' || true
    stop_gateways; kill "${alt_pids[@]}" 2>/dev/null || true; wait "${alt_pids[@]}" 2>/dev/null || true
  done
  awk -v tck="$(getconf CLK_TCK)" 'FNR == NR { req[$1] = $2 * '"$seconds"'; next } { split($1, k, "-"); jit[k[1]] += $2; ex[k[1]] += $3; n[k[1]] += req[$1] }
    END { for (m in n) printf "  %-3s CPU per request in the JIT %.2f µs, in the exporters'"'"' threads %.2f µs\n", m, jit[m] * 1e6 / tck / n[m], ex[m] * 1e6 / tck / n[m] }' \
    "$work/results" "$work/threads" | sort
  awk '$1 ~ /^off-/ { off += $2; offc += $5; n++ } $1 ~ /^on-/ { on += $2; onc += $5 } END {
    printf "exporters on/off: throughput %.3f (mean %.0f vs %.0f req/s), gateway CPU per request %.3f (%.0f vs %.0f µs)\n", on / off, on / n, off / n, onc / offc, onc / n, offc / n }' "$work/results"
  awk '{ split($1, k, "-"); p = (k[2] <= 3) ? "second" : "first" } k[1] == "off" { off[p] += $2; offc[p] += $5 } k[1] == "on" { on[p] += $2; onc[p] += $5 } END {
    for (p in on) printf "  \"on\" as the %s pair: throughput on/off %.3f, CPU per request %.3f\n", p, on[p] / off[p], onc[p] / offc[p] }' "$work/results" | sort -r
  on_median=$(awk '$1 ~ /^on-/ { print $2 }' "$work/results" | median); off_median=$(awk '$1 ~ /^off-/ { print $2 }' "$work/results" | median)
  awk -v on="$on_median" -v off="$off_median" 'BEGIN { printf "medians: throughput %.3f (%.0f vs %.0f req/s)\n", on / off, on, off }'
  exit 0
fi

paths=(meshfed nginx haproxy yarp); [ -n "${BENCH_ALT_ENV:-}${BENCH_ALT_DLL:-}" ] && paths+=(meshfed-alt)
url_of() { case "$1" in meshfed) echo "http://127.0.0.1:$a_local" ;; meshfed-alt) echo "http://127.0.0.1:$alt_a_local" ;;
  nginx) echo "http://127.0.0.1:$n_a" ;; haproxy) echo "http://127.0.0.1:$h_a" ;; yarp) echo "http://127.0.0.1:$y_a" ;; backend) echo "http://127.0.0.1:$backend" ;; esac; }
echo "warm-up..."
# .NET compiles hot code again, optimized with the profile it gathered (tiered PGO), over the first seconds of load.
for path in "${paths[@]}"; do wrk -t1 -c32 -d15s -H "Host: $host" "$(url_of "$path")/" >/dev/null; done
# Each round measures every path at both sizes, then paced; the order of the paths rotates between rounds, as a
# run placed later in a sequence measured slower here with identical proxies.
echo "$rounds rounds; saturation: wrk -t1 -c64 -d${seconds}s; paced: wrk -t1 -c10, 10 ms pause per connection (~1,000 requests/s)"
export PACE_MS=10
for round in $(seq 1 "$rounds"); do
  order=("${paths[@]:$(( (round - 1) % ${#paths[@]} ))}" "${paths[@]:0:$(( (round - 1) % ${#paths[@]} ))}")
  echo "round $round: ${order[*]}"
  run "backend-1k-$round" backend "$(url_of backend)/" -t1 -c64 -d"${seconds}s"
  for path in "${order[@]}"; do
    run "$path-1k-$round" "$path" "$(url_of "$path")/" -t1 -c64 -d"${seconds}s"
    run "$path-64k-$round" "$path" "$(url_of "$path")/64k" -t1 -c64 -d"${seconds}s"
  done
  run "paced-backend-$round" backend "$(url_of backend)/" -t1 -c10 -d"${seconds}s" -s "$here/pace.lua"
  for path in "${order[@]}"; do
    run "paced-$path-$round" "$path" "$(url_of "$path")/" -t1 -c10 -d"${seconds}s" -s "$here/pace.lua"
  done
done

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'; }
# values KEY-PREFIX FIELD [ms]: one value per round
values() { local r v; for r in $(seq 1 "$rounds"); do v=$(field "$1-$r" "$2"); [ "${3:-}" = ms ] && v=$(ms "$v"); echo "$v"; done; }
spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
echo
echo "medians of $rounds rounds (range in brackets):"
printf '  %-12s %22s %22s %18s %18s %16s\n' path "1 KB req/s" "64 KB req/s" "CPU µs/req 1 KB" "CPU µs/req 64 KB" "paced p99 ms"
for path in backend "${paths[@]}"; do
  printf '  %-12s %10.0f [%9s] %10.0f [%9s] %7s [%8s] %7s [%8s] %6.2f [%s]\n' "$path" \
    "$(values "$path-1k" 2 | median)" "$(values "$path-1k" 2 | awk '{ printf "%.0f\n", $1 }' | spread)" \
    "$( [ $path = backend ] && echo 0 || values "$path-64k" 2 | median)" "$( [ $path = backend ] && echo - || values "$path-64k" 2 | awk '{ printf "%.0f\n", $1 }' | spread)" \
    "$( [ $path = backend ] && echo - || values "$path-1k" 5 | median)" "$( [ $path = backend ] && echo - || values "$path-1k" 5 | spread)" \
    "$( [ $path = backend ] && echo - || values "$path-64k" 5 | median)" "$( [ $path = backend ] && echo - || values "$path-64k" 5 | spread)" \
    "$(values "paced-$path" 4 ms | median)" "$(values "paced-$path" 4 ms | spread)"
done
for mf in meshfed $( [ -n "${BENCH_ALT_ENV:-}${BENCH_ALT_DLL:-}" ] && echo meshfed-alt); do
  for peer in nginx haproxy yarp; do
    awk -v m1="$(values "$mf-1k" 2 | median)" -v p1="$(values "$peer-1k" 2 | median)" -v m64="$(values "$mf-64k" 2 | median)" -v p64="$(values "$peer-64k" 2 | median)" \
        -v c1="$(values "$mf-1k" 5 | median)" -v q1="$(values "$peer-1k" 5 | median)" -v c64="$(values "$mf-64k" 5 | median)" -v q64="$(values "$peer-64k" 5 | median)" \
        -v b="$(values paced-backend 4 ms | median)" -v mp="$(values "paced-$mf" 4 ms | median)" -v pp="$(values "paced-$peer" 4 ms | median)" -v mf="$mf" -v peer="$peer" \
      'BEGIN { printf "%s/%s: throughput 1 KB %.2f, 64 KB %.2f; CPU per request 1 KB %.2f, 64 KB %.2f; added p99 at ~1,000 req/s %.2f ms vs %.2f ms (%.2f)\n",
               mf, peer, m1 / p1, m64 / p64, c1 / q1, c64 / q64, mp - b, pp - b, (pp - b > 0 ? (mp - b) / (pp - b) : 0) }'
  done
done
