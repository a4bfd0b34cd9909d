#!/usr/bin/env bash
# Where the gateway's time goes, against HAProxy: CPU time (user and system, from /proc/PID/stat)
# per request of the trafficlab JVM and of HAProxy while wrk drives the pod alone, the pod through
# the trafficlab gateway, and the pod through HAProxy. The gateway's own cost is the JVM's cost
# through the gateway minus its cost serving the pod alone.
#
#   scripts/bench-gateway-cpu.sh [SECONDS] [CONNECTIONS] [THREADS]     (defaults: 8 32 2)
#
# Needs wrk and haproxy (Debian: apt-get install -y wrk haproxy) and the built jar
# (web/target/trafficlab.jar; ./trafficlab builds it; TRAFFICLAB_JAR=x.jar measures another build).
# Each path is warmed up first (WARMUP seconds of the same load, default 15). Stops everything it
# started.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
duration="${1:-8}"
connections="${2:-32}"
threads="${3:-2}"
# shellcheck source=lib/gateway-bench-setup.sh
. "$here/lib/gateway-bench-setup.sh"

ticks() { awk '{print $14, $15}' "/proc/$1/stat"; } # utime stime, in clock ticks
hz="$(getconf CLK_TCK)"
measure() { # name url
  warm_up "$2"
  local ju0 js0 hu0 hs0 ju1 js1 hu1 hs1 out n rps
  read -r ju0 js0 <<< "$(ticks "$up_pid")"
  read -r hu0 hs0 <<< "$(ticks "$haproxy_pid")"
  out="$(wrk -t"$threads" -c"$connections" -d"${duration}s" -H "Host: $host" "$2")"
  read -r ju1 js1 <<< "$(ticks "$up_pid")"
  read -r hu1 hs1 <<< "$(ticks "$haproxy_pid")"
  n="$(awk '/requests in/ {print $1}' <<< "$out")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")"
  awk -v name="$1" -v n="$n" -v rps="$rps" -v hz="$hz" -v ju=$((ju1 - ju0)) -v js=$((js1 - js0)) \
    -v hu=$((hu1 - hu0)) -v hs=$((hs1 - hs0)) 'BEGIN {
      f = 1e6 / hz / n
      printf "%-12s %9.0f req/s   JVM user %5.1f sys %5.1f us/req   HAProxy user %5.1f sys %5.1f us/req\n",
        name, rps, ju * f, js * f, hu * f, hs * f }'
}
measure "pod alone" "http://$pod/"
measure "trafficlab" "http://$gateway/"
measure "haproxy" "http://127.0.0.1:$port/"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
