#!/usr/bin/env bash
# Drives `trafficlab up` (ingress gateway → one synthetic pod) and HAProxy (→ the same pod) with
# wrk, on loopback only, and prints requests/s and p99 of both and the ratio. Both are warmed up
# first (WARMUP seconds of the same load, default 15), then measured in ROUNDS alternating rounds
# (default 3: trafficlab, HAProxy, trafficlab, …) so that a change in machine load hits both; the
# last line is the ratio of the two medians.
#
#   scripts/bench-gateway.sh [SECONDS] [CONNECTIONS] [THREADS]     (defaults: 10 32 2)
#
# Needs wrk and haproxy (Debian: apt-get install -y wrk haproxy) and the built jar
# (web/target/trafficlab.jar; ./trafficlab builds it; TRAFFICLAB_JAR=x.jar measures another build).
# Stops everything it started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
duration="${1:-10}"
connections="${2:-32}"
threads="${3:-2}"
# shellcheck source=lib/gateway-bench-setup.sh
. "$here/lib/gateway-bench-setup.sh"

run() { # name url
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Host: $host" "$2")"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<< "$out")"
  local errors
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<< "$out" | tr '\n' ' ')"
  echo "$1 $rps $p99 $errors"
}

warm_up "http://$gateway/"
warm_up "http://127.0.0.1:$port/"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-6s %-10s %12s %10s %s\n' round proxy requests/s p99 errors
tl_all=""
ha_all=""
for round in $(seq 1 "${ROUNDS:-3}"); do
  read -r _ tl_rps tl_p99 tl_err <<< "$(run trafficlab "http://$gateway/")"
  read -r _ ha_rps ha_p99 ha_err <<< "$(run haproxy "http://127.0.0.1:$port/")"
  printf '%-6s %-10s %12s %10s %s\n' "$round" trafficlab "$tl_rps" "$tl_p99" "${tl_err:-none}"
  printf '%-6s %-10s %12s %10s %s\n' "$round" haproxy "$ha_rps" "$ha_p99" "${ha_err:-none}"
  tl_all="$tl_all$tl_rps"$'\n'
  ha_all="$ha_all$ha_rps"$'\n'
done
tl_med="$(printf '%s' "$tl_all" | median)"
ha_med="$(printf '%s' "$ha_all" | median)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores), transport: ${transport:-?}"
awk -v a="$tl_med" -v b="$ha_med" 'BEGIN { printf "median requests/s: trafficlab %.0f, haproxy %.0f, ratio trafficlab/haproxy: %.2f\n", a, b, a / b }'
