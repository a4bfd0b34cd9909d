#!/usr/bin/env bash
# Measures how long grading a typical exercise takes (p50 over several runs) on the real engine.
# Usage (from the repository root): labs/bench/grading-time.sh [pack-dir] [exercise] [runs] [warm-up]
# Default: content/packs/istio-traffic-management canary-split 9 1 (2000 requests per grading).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -o -q -pl labs -am test-compile -DskipTests
cp=$(mvn -B -ntp -o -q -pl labs dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "labs/target/test-classes:labs/target/classes:engine/target/classes:$cp" \
  io.trafficlab.labs.bench.GradingTiming "$@"
