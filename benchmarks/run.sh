#!/usr/bin/env bash
# One command for the whole benchmark: builds the distribution and this module, installs the node socket.io
# server and the Node.js load generator from the npm registry, runs MedSync, bare netty-socketio and node
# socket.io through every scenario and the load shapes matrix, three times (medians and spread), and writes
# benchmarks/results/latest.{json,md} with PNG charts. About 30 minutes on 2 cores (29 min in the run of 2026-12-03).
#
#   benchmarks/run.sh                                  # the full run
#   benchmarks/run.sh -Dbench.jmh=false                # any -Dbench.* setting (see Settings.java) is passed on
#   benchmarks/run.sh -Dbench.repeat=1                 # one repeat instead of three (no spread)
#   benchmarks/run.sh -Dbench.comparison=false         # only the load shapes matrix
#   BENCH_MAVEN_ARGS="-o" benchmarks/run.sh            # extra Maven arguments (offline, another local repository)
#   BENCH_SKIP_BUILD=1 benchmarks/run.sh               # reuse what the last build left in target/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# 20,000 connections need as many descriptors in each server (and the generators hold them from several
# processes): take the hard limit; the servers inherit it.
ulimit -n "$(ulimit -Hn)" || true
echo "open files limit: $(ulimit -n)"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${BENCH_MAVEN_ARGS:-} -DskipTests -pl distributions,benchmarks -am package
  (cd benchmarks/node-server && npm ci --no-audit --no-fund --loglevel=error)
  (cd benchmarks/node-loadgen && npm ci --no-audit --no-fund --loglevel=error)
fi

mkdir -p benchmarks/target
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -Xlog:gc:file=benchmarks/target/harness-gc.log -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  "$@" com.medsync.realtime.bench.BenchmarkMain
