#!/usr/bin/env bash
# Soak: `meshfed up --load RPS` for a while, sampling the process every INTERVAL seconds: resident memory
# (VmRSS in /proc/PID/status), open descriptors (/proc/PID/fd), and the managed heap after the last GC
# (dotnet-counters, the runtime's dotnet.gc.last_collection.heap.size summed over generations). Writes a CSV
# and prints, after a warm-up, the least-squares slope of each in units per minute with its standard error,
# so "flat" is a number: a slope within about two standard errors of zero is noise (bench/README.md, "Soak").
# Everything talks to loopback only (meshfed up binds 127.0.0.1).
# Needs: the .NET SDK; dotnet-counters (dotnet tool install -g dotnet-counters) for the GC heap column.
# Usage: bench/soak.sh [minutes, default 30] [requests/s, default 300] [warm-up minutes, default 5]
#        bench/soak.sh --report FOLDER [warm-up minutes]   (the figures again from a finished soak's folder)
#   env: SOAK_OUT=folder (default: a new temporary folder; the CSV is SOAK_OUT/soak.csv), SOAK_INTERVAL=30,
#        SOAK_GCDUMP_AT="5 25" (minutes at which to take a dotnet-gcdump, if installed, to compare type counts)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
minutes="${1:-30}"; rps="${2:-300}"; warmup="${3:-5}"
interval="${SOAK_INTERVAL:-30}"
out="${SOAK_OUT:-$(mktemp -d)}"; mkdir -p "$out"
export PATH="$PATH:$HOME/.dotnet/tools"

# The heap after the last GC at each sample: dotnet-counters holds one metrics session per process and writes its
# file only when it stops, so the column is joined after the run: per timestamp, the generations summed (MB); each
# sample takes the newest value at or before it.
join_gc_heap() { # dir
  local dir="$1"
  { [ -s "$dir/counters.csv" ] && grep 'last_collection.heap.size' "$dir/counters.csv" || true; } |
    while IFS=, read -r stamp _ name _ value; do echo "$(date -u -d "$stamp" +%s),$name,$value"; done |
    awk -F, '{ v[$2] = $3; s = 0; for (g in v) s += v[g]; sum[$1] = s } END { for (t in sum) printf "%d,%.1f\n", t, sum[t] / 1048576 }' |
    sort -n > "$dir/gc_heap.csv" # a generation missing at a timestamp keeps its previous value
  awk -F, 'NR == FNR { t[++n] = $1; v[n] = $2; next }
    FNR == 1 { print "seconds,rss_mb,fds,gc_heap_mb,threads"; next }
    { h = ""; for (i = 1; i <= n; i++) if (t[i] <= $2 + 1) h = v[i]; print $1 "," $3 "," $4 "," h "," $5 }' \
    "$dir/gc_heap.csv" "$dir/samples.csv" > "$dir/soak.csv"
}

report() { # dir
  local dir="$1"
  join_gc_heap "$dir"
  # Least squares over the samples after the warm-up: slope per minute and its standard error.
  slope() { # column name unit
    awk -F, -v c="$1" -v w="$((warmup * 60))" -v name="$2" -v unit="$3" '
      NR > 1 && $1 >= w && $c != "" { x = $1 / 60; n++; sx += x; sy += $c; sxx += x * x; sxy += x * $c; xs[n] = x; ys[n] = $c; if (n == 1) first = $c; last = $c }
      END {
        if (n < 3) { printf "%-12s too few samples after the warm-up\n", name; exit }
        b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
        for (i = 1; i <= n; i++) { r = ys[i] - a - b * xs[i]; sse += r * r }
        mx = sx / n; sd = 0; for (i = 1; i <= n; i++) sd += (xs[i] - mx) ^ 2
        se = sqrt(sse / (n - 2) / sd)
        printf "%-12s after warm-up %8.1f -> %8.1f %s; slope %+.3f %s/min (standard error %.3f, %d samples)\n", name, first, last, unit, b, unit, se, n
      }' "$dir/soak.csv"
  }
  echo
  echo "soak: $(grep -m1 -o 'demo traffic: [0-9.]* requests/s' "$dir/up.log" || true); first sample $(sed -n 2p "$dir/soak.csv"); last $(tail -n 1 "$dir/soak.csv") (seconds,rss_mb,fds,gc_heap_mb,threads)"
  slope 2 "RSS" "MB"
  slope 4 "GC heap" "MB"
  slope 3 "descriptors" "fds"
  slope 5 "threads" "threads"
  grep -m1 -E 'demo requests sent' "$dir/up.log" || true
  echo "soak: CSV $dir/soak.csv, meshfed up output $dir/up.log"
}

if [ "${1:-}" = "--report" ]; then warmup="${3:-5}"; report "${2:?usage: bench/soak.sh --report FOLDER [warm-up minutes]}"; exit 0; fi

"$repo/meshfed" --help >/dev/null # builds .build/meshfed if the sources changed
dll="$repo/.build/meshfed/meshfed.dll"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

cd "$out" # meshfed up writes the built-in demo manifest into the current folder
dotnet "$dll" up --load "$rps" --duration "${minutes}m" --store "$out/store" > "$out/up.log" 2>&1 &
pid=$!; pids+=($pid)
echo "soak: meshfed up pid $pid, $rps requests/s for $minutes min, sampling every ${interval}s into $out/soak.csv"

counters=""
if command -v dotnet-counters >/dev/null; then
  sleep 3
  dotnet-counters collect -p "$pid" --format csv -o "$out/counters.csv" --refresh-interval "$interval" \
    --counters 'System.Runtime[dotnet.gc.last_collection.heap.size,dotnet.gc.heap.total_allocated,dotnet.gc.collections]' \
    > "$out/counters.log" 2>&1 &
  counters=$!; pids+=($counters)
fi

echo "seconds,epoch,rss_mb,fds,threads" > "$out/samples.csv"
start=$(date +%s); dumps=" ${SOAK_GCDUMP_AT:-} "
while kill -0 "$pid" 2>/dev/null; do
  t=$(( $(date +%s) - start ))
  rss=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null) || break
  threads=$(awk '/^Threads/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || break
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  [ -n "$rss" ] && echo "$t,$(date +%s),$rss,$fds,$threads" | tee -a "$out/samples.csv"
  m=$(( t / 60 ))
  if [[ "$dumps" == *" $m "* ]] && command -v dotnet-gcdump >/dev/null; then
    dumps="${dumps/ $m / }"
    dotnet-gcdump collect -p "$pid" -o "$out/heap-${m}min.gcdump" >/dev/null 2>&1 || true
  fi
  sleep "$interval"
done
wait "$pid" || true
if [ -n "$counters" ]; then # dotnet-counters writes its file when its session ends; Ctrl+C (SIGINT) ends it too
  for _ in $(seq 1 30); do kill -0 "$counters" 2>/dev/null || break; sleep 1; done
  kill -INT "$counters" 2>/dev/null || true; wait "$counters" 2>/dev/null || true
fi
report "$out"

