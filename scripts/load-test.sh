#!/usr/bin/env bash
# Load test (not a unit test): starts ONE trafficlab server from the shaded jar on a free loopback
# port with a fresh H2 database, creates an instructor and an API token with the CLI, then drives
# concurrent gradings with saves through the JSON API (web/src/test/java/.../load/LoadDriver.java,
# JDK only) and measures warm-server grading latency. Loopback only, bounded, stops by itself.
#
#   scripts/load-test.sh [CONCURRENCY=100] [EXERCISE=canary-split] [LATENCY_RUNS=40]
#
# Prints throughput, p50/p95/p99, errors, lost attempts, 429s and peak heap; exits 1 on errors or
# lost attempts. Record the numbers in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CONCURRENCY="${1:-100}"
EXERCISE="${2:-canary-split}"
LATENCY_RUNS="${3:-40}"
PACK=istio-traffic-management
JAR=web/target/trafficlab.jar

if [[ ! -f "$JAR" ]]; then
  mvn -B -ntp -q -DskipTests package
fi
TMP="$(mktemp -d /tmp/trafficlab-load.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# The reference solution of variant 0, its {{params}} filled in.
solution_of() {
  local ex="$1" out="$2"
  python3 - "$ex" "$out" <<'PY'
import re, sys
ex, out = sys.argv[1], sys.argv[2]
root = "content/packs/istio-traffic-management/exercises/" + ex
spec = open(root + "/exercise.yaml").read()
m = re.search(r"(?m)^variants:\n\s*-\s*\{(.*)\}", spec)
params = {}
if m:
    for k, v in re.findall(r'(\w+):\s*("[^"]*"|[^,}]+)', m.group(1)):
        params[k] = v.strip().strip('"')
text = open(root + "/solution.yaml").read()
text = re.sub(r"\{\{(\w+)\}\}", lambda g: params.get(g.group(1), g.group(0)), text)
open(out, "w").write(text)
PY
}
solution_of "$EXERCISE" "$TMP/solution.yaml"
solution_of canary-split "$TMP/latency-solution.yaml"

export TRAFFICLAB_PASSWORD="load test password $$"
java -jar "$JAR" user add load-instructor@example.com --instructor --data "$TMP" >/dev/null 2>"$TMP/cli.log"
TOKEN="$(java -jar "$JAR" token create load-test --owner load-instructor@example.com --data "$TMP" 2>>"$TMP/cli.log")"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"

java -Xlog:disable -jar "$JAR" serve --port "$PORT" --data "$TMP" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; tail -20 "$TMP/server.log"; exit 1; }
  sleep 0.5
done
echo "server pid $SERVER_PID on 127.0.0.1:$PORT, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

set +e
timeout 600 java web/src/test/java/io/trafficlab/web/load/LoadDriver.java "http://127.0.0.1:$PORT" "$TOKEN" \
  "$PACK/$EXERCISE" "$TMP/solution.yaml" "$CONCURRENCY" "$LATENCY_RUNS" \
  "$TMP/latency-solution.yaml" "$PACK/canary-split"
RC=$?
set -e
if command -v jcmd >/dev/null; then
  echo "== server heap after the run (jcmd GC.heap_info)"
  jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | sed -n '2,3p'
fi
echo "server threads now: $(ls /proc/$SERVER_PID/task | wc -l), open fds: $(ls /proc/$SERVER_PID/fd | wc -l)"
grep -c " ERROR " "$TMP/server.log" | sed 's/^/server log ERROR lines: /' || true
exit $RC
