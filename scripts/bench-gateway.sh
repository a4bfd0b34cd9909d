#!/usr/bin/env bash
# Drives `trafficlab up` (ingress gateway → one synthetic pod) and HAProxy (→ the same pod) with
# wrk, one after the other, on loopback only, and prints requests/s and p99 of both and the ratio.
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

# Warm both up (JIT) before measuring.
wrk -t1 -c4 -d3s -H "Host: $host" "http://$gateway/" > /dev/null
wrk -t1 -c4 -d3s -H "Host: $host" "http://127.0.0.1:$port/" > /dev/null

read -r _ tl_rps tl_p99 tl_err <<< "$(run trafficlab "http://$gateway/")"
read -r _ ha_rps ha_p99 ha_err <<< "$(run haproxy "http://127.0.0.1:$port/")"
printf '%-10s %12s %10s %s\n' proxy requests/s p99 errors
printf '%-10s %12s %10s %s\n' trafficlab "$tl_rps" "$tl_p99" "${tl_err:-none}"
printf '%-10s %12s %10s %s\n' haproxy "$ha_rps" "$ha_p99" "${ha_err:-none}"
awk -v a="$tl_rps" -v b="$ha_rps" 'BEGIN { printf "ratio trafficlab/haproxy requests/s: %.2f\n", a / b }'
