#!/usr/bin/env bash
# Runs the route-decision JMH benchmark (engine RouteDecisionBench) on one thread.
# Usage: scripts/bench-route.sh [JMH options]   e.g. scripts/bench-route.sh -wi 2 -i 3 -f 1
# Without options it runs the benchmark's defaults (3 warmup + 5 measurement iterations, 1 fork).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN_OFFLINE=${MVN_OFFLINE:--o}
mvn -B -ntp $MVN_OFFLINE -q -pl engine test-compile
mvn -B -ntp $MVN_OFFLINE -q -pl engine dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="engine/target/test-classes:engine/target/classes:$(cat engine/target/bench.classpath)"
exec java -cp "$CP" org.openjdk.jmh.Main RouteDecisionBench -t 1 "$@"
