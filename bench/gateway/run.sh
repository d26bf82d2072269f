#!/usr/bin/env bash
# Gateway benchmark on loopback, one machine, one run (bench/README.md has the latest figures):
#   wrk -> site A's local listener -> federation mTLS -> site B's peer listener -> backend (1 KB)
# measured for meshfed's gateways and for the same topology built from nginx (proxy_ssl_certificate +
# ssl_verify_client), plus the backend alone. Prints requests/s at saturation, latency percentiles at about
# 1,000 requests/s, and the meshfed/nginx ratios. Needs: wrk, nginx (Debian packages), the .NET SDK.
# Usage: bench/gateway/run.sh [seconds per run, default 15]
#        bench/gateway/run.sh --hold   (builds both topologies, prints their URLs and gateway PIDs, and waits:
#                                       for profiling, e.g. dotnet-trace collect -p PID, under your own wrk)
#        bench/gateway/run.sh --exporters [seconds]   (meshfed throughput with every telemetry exporter on vs off,
#                                       exporting to a loopback sink; 4 runs of each, in alternating order)
set -euo pipefail
export DOTNET_gcServer="${DOTNET_gcServer:-1}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
hold=false; exporters=false
if [ "${1:-}" = "--hold" ]; then hold=true; shift; fi
if [ "${1:-}" = "--exporters" ]; then exporters=true; shift; fi
seconds="${1:-15}"
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk nginx-light)" >&2; exit 2; }
done
work="$(mktemp -d)"
pids=(); gateway_pids=(); declare -A nginx_masters
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Ports (loopback only).
backend=18080; a_local=18081; b_local=18082; a_admin=18091; b_admin=18092; a_peer=18443; b_peer=18444
n_a=28081; n_b=28444

# The backend: nginx answering 1 KB.
mkdir -p "$work/www" "$work/nginx"
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/www/index.html"
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/index.html" # nginx workers may run as another user
common="pid PIDFILE; error_log ERRLOG warn; worker_processes auto; events { worker_connections 4096; }"
nginx_conf() { # name body
  local conf="$work/nginx/$1.conf"
  { echo "${common//PIDFILE/$work/nginx/$1.pid}" | sed "s|ERRLOG|$work/nginx/$1.err|"; echo "http { access_log off; $2 }"; } > "$conf"
  nginx -c "$conf" -p "$work/nginx" -e "$work/nginx/$1.err" -g 'daemon off;' & pids+=($!); nginx_masters[$1]=$!
}
nginx_conf backend "server { listen 127.0.0.1:$backend; keepalive_requests 1000000; root $work/www; location / { } }"

# The manifest: site b runs the service (static endpoint: the backend), site a calls it.
manifest() { # telemetry-line
cat <<YAML
apiVersion: meshfed.dev/v1alpha1
kind: FederatedMesh
metadata: { name: bench }
spec:
  trustDomain: bench.meshfed.local
  sites:
    - { name: a, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $a_peer } }
    - { name: b, provider: onprem, mesh: istio, gateway: { address: 127.0.0.1, port: $b_peer } }
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

# Trust: the federation CA and both gateways' SVIDs.
cd "$repo"
./meshfed trust init "$work/bench.yaml" --dir "$work/trust" >/dev/null
./meshfed trust issue "$work/bench.yaml" --dir "$work/trust" >/dev/null
dll="$repo/.build/meshfed/meshfed.dll"
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
stop_gateways() { kill "${gateway_pids[@]}" 2>/dev/null || true; wait "${gateway_pids[@]}" 2>/dev/null || true; }
start_gateways "$work/bench.yaml"

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

wait_ready() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "bench: $1 not ready" >&2; cat "$work"/*.log "$work"/nginx/*.err >&2 || true; exit 1; }
wait_ready "http://127.0.0.1:$a_admin/readyz"; wait_ready "http://127.0.0.1:$b_admin/readyz"
wait_ready "http://127.0.0.1:$backend/"
host="bench.default.svc.cluster.local"
curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$a_local/" || { echo "bench: meshfed path does not answer" >&2; cat "$work"/gateway-*.log >&2; exit 1; }
# nginx cannot check SPIFFE IDs (URI SANs); it checks the chain, which is the same TLS work.
curl -fs -o /dev/null -H "Host: $host" "http://127.0.0.1:$n_a/" || { echo "bench: nginx path does not answer" >&2; cat "$work"/nginx/*.err >&2; exit 1; }

if $hold; then
  echo "meshfed: http://127.0.0.1:$a_local/ (gateway PIDs: a ${gateway_pids[0]}, b ${gateway_pids[1]})   nginx: http://127.0.0.1:$n_a/   backend: http://127.0.0.1:$backend/   Host: $host"
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

if $exporters; then
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
  echo "exporters off vs on (wrk -t1 -c64 -d${seconds}s each, 4 rounds in alternating order; on = CloudWatch, X-Ray, Cloud Monitoring, Cloud Trace, local store, 5 s metric interval, 1 % of traces):"
  # The order alternates between rounds: a run placed second in a pair measured ~20 % slower with identical
  # gateways on this machine, so a fixed order would charge that to the exporters.
  for round in 1 2 3 4; do
    order="off on"; [ $((round % 2)) -eq 0 ] && order="on off"
    for mode in $order; do
      stop_gateways
      if [ $mode = on ]; then start_gateways "$work/bench-$mode.yaml" "${on[@]}"; else start_gateways "$work/bench-$mode.yaml"; fi
      wait_ready "http://127.0.0.1:$a_admin/readyz"; wait_ready "http://127.0.0.1:$b_admin/readyz"
      # Warm-up longer than two export intervals, so the exporters' first runs (and their JIT) are behind us.
      wrk -t1 -c32 -d12s -H "Host: $host" "http://127.0.0.1:$a_local/" >/dev/null
      run "$mode-$round" meshfed "http://127.0.0.1:$a_local/" -t1 -c64 -d"${seconds}s"
    done
  done
  grep -h "Telemetry" "$work"/gateway-a.log | sed 's/^/  gateway a: /' || true
  awk '$1 ~ /^off-/ { off += $2; offc += $5; n++ } $1 ~ /^on-/ { on += $2; onc += $5 } END {
    printf "exporters on/off: throughput %.3f (mean %.0f vs %.0f req/s), gateway CPU per request %.3f (%.0f vs %.0f µs)\n", on / off, on / n, off / n, onc / offc, onc / n, offc / n }' "$work/results"
  exit 0
fi

echo "warm-up..."
# .NET compiles hot code again, optimized with the profile it gathered (tiered PGO), over the first seconds of load.
wrk -t1 -c32 -d15s -H "Host: $host" "http://127.0.0.1:$a_local/" >/dev/null
wrk -t1 -c32 -d5s -H "Host: $host" "http://127.0.0.1:$n_a/" >/dev/null
echo "saturation (wrk -t1 -c64 -d${seconds}s, 1 KB responses):"
run backend backend "http://127.0.0.1:$backend/" -t1 -c64 -d"${seconds}s"
run meshfed meshfed "http://127.0.0.1:$a_local/" -t1 -c64 -d"${seconds}s"
run nginx nginx "http://127.0.0.1:$n_a/" -t1 -c64 -d"${seconds}s"
echo "about 1,000 requests/s (wrk -t1 -c10, a 10 ms pause per connection between requests):"
export PACE_MS=10
run paced-backend backend "http://127.0.0.1:$backend/" -t1 -c10 -d"${seconds}s" -s "$here/pace.lua"
run paced-meshfed meshfed "http://127.0.0.1:$a_local/" -t1 -c10 -d"${seconds}s" -s "$here/pace.lua"
run paced-nginx nginx "http://127.0.0.1:$n_a/" -t1 -c10 -d"${seconds}s" -s "$here/pace.lua"

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } else print v }'; }
echo
awk -v m="$(field meshfed 2)" -v n="$(field nginx 2)" 'BEGIN { printf "throughput ratio meshfed/nginx: %.2f\n", m / n }'
awk -v m="$(field meshfed 5)" -v n="$(field nginx 5)" 'BEGIN { printf "proxy CPU per request at saturation (both hops): meshfed %d µs, nginx %d µs (ratio %.2f)\n", m, n, m / n }'
awk -v b="$(ms "$(field paced-backend 4)")" -v m="$(ms "$(field paced-meshfed 4)")" -v n="$(ms "$(field paced-nginx 4)")" \
  'BEGIN { printf "added p99 at ~1,000 req/s over the backend alone: meshfed %.2f ms, nginx %.2f ms (ratio %.2f)\n", m - b, n - b, (m - b) / (n - b) }'
awk -v m="$(field paced-meshfed 2)" 'BEGIN { printf "paced offered load reached: %.0f req/s\n", m }'
