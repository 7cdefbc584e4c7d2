#!/usr/bin/env bash
# What the cluster's one Redis stream costs as nodes are added (issue #14, item 6; README, "Scale past one
# stream"). One command: starts its own redis-server on a free 127.0.0.1 port, then 1, 2 and 3 distribution
# nodes on it (each size adds a node to the running ones), and for each size holds sockets on every node,
# publishes chat:message events over node 1's HTTP API at a fixed rate and then from a closed loop, and reads
# Redis's CPU and INFO, every node's CPU and /metrics (stream lag) over windows of a few seconds, three of each.
# Then, the nodes stopped, Redis alone with 1 to 30 simulated readers (a node's XADD and XREAD loop, no JVM).
# Stops everything it started, also on failure or Ctrl-C. About 4 to 5 minutes on 2 cores (build included).
# Writes benchmarks/results/stream-cost.{json,md}; logs under benchmarks/target/stream-cost/.
#
#   benchmarks/stream-cost.sh
#   STREAM_COST_SKIP_BUILD=1 benchmarks/stream-cost.sh     # reuse the distribution in distributions/target
#   STREAM_COST_RATE=500 STREAM_COST_WINDOW=6 STREAM_COST_NODES="1 2 3" benchmarks/stream-cost.sh   # the defaults
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

rate=${STREAM_COST_RATE:-500}              # offered events/s, the same for every cluster size
window=${STREAM_COST_WINDOW:-6}            # seconds per fixed-rate window; three windows per size
sat_window=${STREAM_COST_SAT_WINDOW:-4}    # seconds per closed-loop window; three per size
sim_window=${STREAM_COST_SIM_WINDOW:-2}    # seconds per simulated-readers window; three per point
sat_callers=${STREAM_COST_SAT_CALLERS:-32} # closed-loop HTTP callers (0: no closed loop)
sizes=${STREAM_COST_NODES:-1 2 3}
sockets_per_node=100                       # in 50 chat rooms: 2 recipients of every event on every node
rooms=50

dist=distributions/target/medsync-realtime
logs=benchmarks/target/stream-cost
work=$(mktemp -d "${TMPDIR:-/tmp}/medsync-stream-cost.XXXXXX")
pids=()

# Whether a process runs (a child that ended stays a zombie until waited for, which kill -0 still finds).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

# Everything started here is stopped here, by its own pid: SIGTERM, then SIGKILL after 15 s.
cleanup() {
  local status=$? pid any
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 150); do
    any=0
    for pid in "${pids[@]}"; do alive "$pid" && any=1; done
    [ "$any" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null; done
  rm -rf "$work"
  [ "$status" = 0 ] || echo "stream-cost: failed (exit $status); logs in $logs" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${STREAM_COST_SKIP_BUILD:-}" ]; then
  mvn -B -q -DskipTests -pl distributions -am package
fi
[ -d benchmarks/node-loadgen/node_modules/ws ] || (cd benchmarks/node-loadgen && npm ci --no-audit --no-fund --loglevel=error)
rm -rf "$logs" && mkdir -p "$logs" benchmarks/results

# A free port below the ephemeral range (README, "Run a cluster": a node reconnecting to a stopped Redis on an
# ephemeral port can connect to itself), not one of those taken already by this run.
ephemeral_start=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
taken=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % (ephemeral_start - 20000)))
    case "$taken" in *" $port "*) continue ;; esac
    if [ -z "$(ss -Htan "( sport = :$port )" 2>/dev/null)" ]; then
      taken="$taken$port "
      echo "$port"
      return
    fi
  done
}

await() { # description, seconds, command...
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq $((seconds * 10))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "stream-cost: $what not there within $seconds s" >&2
  return 1
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  >"$logs/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
await "redis-server on port $redis_port" 10 redis-cli -p "$redis_port" ping

api_key=stream-cost-api-key
jwt_secret=stream-cost-secret-of-at-least-32-bytes!
node_specs=()
node_pids=()
start_node() { # n
  local n=$1 socket_port http_port pid
  socket_port=$(free_port)
  http_port=$(free_port)
  MEDSYNC_STORE=redis MEDSYNC_REDIS_URL="redis://127.0.0.1:$redis_port" MEDSYNC_BIND=127.0.0.1 \
    MEDSYNC_SOCKET_PORT="$socket_port" MEDSYNC_HTTP_PORT="$http_port" MEDSYNC_STATE_DIR="$work/node$n" \
    MEDSYNC_JWT_SECRET="$jwt_secret" MEDSYNC_API_KEY="$api_key" MEDSYNC_ADMIN_TOKEN=stream-cost-admin-token \
    KWIK_WEBHOOK_SECRET=stream-cost-kwik-secret JAVA_OPTS="-Xms256m -Xmx512m" \
    "$dist/bin/medsync-realtime" >"$logs/node$n.log" 2>&1 &
  pid=$! # the launcher execs java: this is the JVM
  pids+=("$pid")
  node_pids+=("$pid")
  await "node $n (its log: $logs/node$n.log)" 90 curl -sf "http://127.0.0.1:$http_port/health/ready"
  node_specs+=("{\"name\":\"node$n\",\"socketPort\":$socket_port,\"httpPort\":$http_port,\"pid\":$pid}")
}

# The measuring process runs in the background and is waited for, so that a signal stops the run at once
# (bash runs a trap only after the foreground command ends) and cleanup stops that process too.
measure() { # mode, spec
  node benchmarks/node-loadgen/stream-cost.js "$1" "$2" >>"$results" 2> >(tee -a "$logs/measure.log" >&2) &
  local pid=$!
  pids+=("$pid")
  wait "$pid"
}

results="$logs/results.jsonl"
: >"$results"
started=0
for size in $sizes; do
  while [ "$started" -lt "$size" ]; do
    started=$((started + 1))
    echo "stream-cost: starting node $started (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    start_node "$started"
  done
  nodes_json=$(IFS=,; echo "${node_specs[*]}")
  spec="{\"nodes\":[$nodes_json],\"redis\":{\"port\":$redis_port,\"pid\":$redis_pid},\"apiKey\":\"$api_key\","
  spec+="\"jwtSecret\":\"$jwt_secret\",\"socketsPerNode\":$sockets_per_node,\"rooms\":$rooms,\"rate\":$rate,"
  spec+="\"idleS\":4,\"warmupS\":4,\"windowS\":$window,\"repeats\":3,\"satConcurrency\":$sat_callers,"
  spec+="\"satWarmupS\":2,\"satWindowS\":$sat_window}"
  echo "stream-cost: $size node(s), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  measure measure "$spec"
done

# The nodes stop (their CPU is no longer needed); the stream they wrote gives the simulation a real payload.
for pid in "${node_pids[@]}"; do kill -TERM "$pid"; done
for pid in "${node_pids[@]}"; do wait "$pid" || true; done
echo "stream-cost: simulated readers, load average $(cut -d' ' -f1-3 /proc/loadavg)"
sim="{\"redis\":{\"port\":$redis_port,\"pid\":$redis_pid},\"realStream\":\"medsync:events\",\"warmupS\":1,"
sim+="\"windowS\":$sim_window,\"repeats\":3,\"points\":[{\"readers\":1,\"rate\":$rate},{\"readers\":3,\"rate\":$rate},"
sim+="{\"readers\":10,\"rate\":$rate},{\"readers\":30,\"rate\":$rate},{\"readers\":3,\"concurrency\":64},"
sim+="{\"readers\":10,\"concurrency\":64},{\"readers\":30,\"concurrency\":64}]}"
measure simulate "$sim"

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit + uncommitted changes"
meta="{\"date\":\"$(date -u '+%Y-%m-%d %H:%M UTC')\",\"commit\":\"$commit\","
meta+="\"machine\":\"$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), shared with other work)\","
meta+="\"java\":\"$(java -version 2>&1 | head -1 | tr -d '"')\",\"redis\":\"Redis $(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')\","
meta+="\"windowS\":$window,\"satWindowS\":$sat_window,\"simWindowS\":$sim_window,\"idleS\":4}"
node benchmarks/node-loadgen/stream-cost.js report "$results" benchmarks/results/stream-cost.json \
  benchmarks/results/stream-cost.md "$meta"
echo "stream-cost: wrote benchmarks/results/stream-cost.md and .json"
