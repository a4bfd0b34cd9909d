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
root="$(cd "$here/.." && pwd)"
duration="${1:-10}"
connections="${2:-32}"
threads="${3:-2}"
case_file="$here/bench/gateway-case.yaml"
jar="${TRAFFICLAB_JAR:-$root/web/target/trafficlab.jar}"
host="bench.example.com"

for tool in wrk haproxy java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk haproxy)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "bench: $jar is missing; run ./trafficlab --version once to build it" >&2; exit 2; }

work="$(mktemp -d)"
up_pid=""
haproxy_pid=""
cleanup() {
  [ -n "$haproxy_pid" ] && kill "$haproxy_pid" 2>/dev/null || true
  [ -n "$up_pid" ] && kill -TERM "$up_pid" 2>/dev/null && wait "$up_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. trafficlab up: the first stdout line is the addresses JSON.
mkfifo "$work/up.out"
java ${TRAFFICLAB_JAVA_OPTS:-} -jar "$jar" up "$case_file" > "$work/up.out" 2> "$work/up.err" &
up_pid=$!
exec 3< "$work/up.out"
read -r -t 60 addresses <&3 || { echo "bench: trafficlab up did not start:" >&2; cat "$work/up.err" >&2; exit 1; }
# Keep draining stdout so that the process never blocks on a full pipe.
cat <&3 > /dev/null &
gateway="$(sed -E 's/.*"gateways":\{"80":"([^"]+)".*/\1/' <<< "$addresses")"
pod="$(sed -E 's/.*"pods":\{"web-v1-0":"([^"]+)".*/\1/' <<< "$addresses")"
echo "trafficlab up: gateway $gateway, pod $pod"

# 2. HAProxy in front of the same pod, keep-alive both ways.
port=$(( 20000 + RANDOM % 20000 ))
cat > "$work/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  http-reuse always
frontend bench
  bind 127.0.0.1:$port
  default_backend pod
backend pod
  server web $pod
CFG
haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 &
haproxy_pid=$!
sleep 1

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
