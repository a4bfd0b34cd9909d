#!/usr/bin/env bash
# Grading time through the web API on a warm server: starts `trafficlab serve` (fresh H2 data
# directory, loopback only), grades the exercise's reference solution WARMUP times to warm the JVM,
# then N times one after another with curl, and prints p50/p95/max of the wall time of each
# request (as the client sees it) and the machine's load.
#
#   scripts/bench-grading-web.sh [N] [WARMUP] [PACK/EXERCISE]     (defaults: 30 30 istio-traffic-management/canary-split)
#
# Needs curl and the built jar (web/target/trafficlab.jar, ./trafficlab builds it; TRAFFICLAB_JAR=x.jar
# measures another build). Every grading must score full marks, else the script stops. Stops the
# server it started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs="${1:-30}"
warmup="${2:-30}"
target="${3:-istio-traffic-management/canary-split}"
pack="${target%%/*}"
exercise="${target#*/}"
jar="${TRAFFICLAB_JAR:-$root/web/target/trafficlab.jar}"
solution="$root/content/packs/$pack/exercises/$exercise/solution.yaml"

for tool in curl java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "bench: $jar is missing; run ./trafficlab --version once to build it" >&2; exit 2; }
[ -f "$solution" ] || { echo "bench: no solution at $solution" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(( 20000 + RANDOM % 20000 ))
java ${TRAFFICLAB_JAVA_OPTS:-} -jar "$jar" serve --port "$port" --data "$work/data" \
  > "$work/serve.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" > /dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "bench: the server stopped:" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$base/healthz" > /dev/null || { echo "bench: the server did not start" >&2; exit 1; }

# The solution of variant 0: {{name}} placeholders take the values of the first line of the
# exercise's variants (written as one flow mapping per line, as the built-in pack does).
variant="$(awk '/^variants:/ {v = 1; next} v && /^ *- *\{/ {print; exit}' \
  "$root/content/packs/$pack/exercises/$exercise/exercise.yaml" | sed -E 's/^ *- *\{//; s/\} *$//')"
cp "$solution" "$work/submission.yaml"
IFS=',' read -ra pairs <<< "$variant"
for pair in "${pairs[@]}"; do
  name="$(sed -E 's/^ *([^:]+):.*/\1/' <<< "$pair")"
  value="$(sed -E 's/^[^:]+: *//; s/ *$//' <<< "$pair")"
  sed -i "s|{{$name}}|$value|g" "$work/submission.yaml"
done

grade() { # prints the seconds the request took; checks full marks
  local t
  t="$(curl -sS -o "$work/report.json" -w '%{time_total}' -X POST \
    -H 'Content-Type: application/yaml' --data-binary "@$work/submission.yaml" \
    "$base/api/v1/exercises/$pack/$exercise/grade")"
  grep -q '"status":"pass"' "$work/report.json" || {
    echo "bench: the solution did not pass:" >&2; head -c 600 "$work/report.json" >&2; echo >&2; exit 1; }
  echo "$t"
}

for _ in $(seq 1 "$warmup"); do grade > /dev/null; done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$runs"); do grade; done > "$work/times"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
sort -n "$work/times" | awk -v n="$runs" -v t="$target" -v w="$warmup" -v lb="$load_before" -v la="$load_after" '
  { ms[NR] = $1 * 1000 }
  END {
    p50 = ms[int((n + 1) / 2)]; i95 = int(n * 0.95 + 0.999); if (i95 > n) i95 = n
    printf "%s via the web API: %d gradings after %d warm-up, p50 %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms\n",
      t, n, w, p50, ms[i95], ms[1], ms[n]
    printf "load average before: %s, after: %s (%s cores)\n", lb, la, "'"$(nproc)"'"
  }'
