# Shared set-up of the gateway benchmarks, sourced by scripts/bench-gateway*.sh after they set
# here, duration, connections and threads: starts `trafficlab up` on scripts/bench/gateway-case.yaml
# and HAProxy in front of the same pod (loopback only), and stops both on exit. Sets gateway, pod,
# port, host, up_pid and haproxy_pid.
root="$(cd "$here/.." && pwd)"
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
transport=""
for _ in $(seq 1 50); do # the "running" line follows the addresses on stderr
  transport="$(sed -nE 's/.*, ([a-z_]+) transport\).*/\1/p' "$work/up.err" | head -1)"
  [ -n "$transport" ] && break
  sleep 0.1
done
echo "trafficlab up: gateway $gateway, pod $pod, transport ${transport:-?}"

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

# warm_up URL: the JVM's JIT compiles the hot path during the first seconds of load (measured:
# 25k req/s in the first 4 s, the steady rate only after about 15 s), so each target gets
# WARMUP seconds (default 15) of the measurement's own load before it is measured. HAProxy gets
# the same, although it needs none.
warm_up() {
  wrk -t"$threads" -c"$connections" -d"${WARMUP:-15}s" -H "Host: $host" "$1" > /dev/null
}
