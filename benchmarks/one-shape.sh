#!/usr/bin/env bash
# One server, one load shape, a few repeats: for the A/B of one setting and for profiles (issue #12). The full
# comparison is benchmarks/run.sh; this runs only the Node.js generator's fixed-rate shape against one fresh
# server process per repeat (MedSync's distribution or node socket.io), 2,000 sockets, and prints the server's
# CPU per delivery (utime + stime from /proc, all threads) of each phase: cold (first 2,000 events after start),
# warm-up (4,000 at twice the rate, SHAPE_WARM_UP_EVENTS), warm.
#
#   benchmarks/one-shape.sh medsync 10                        # 10 recipients per event (200 rooms), 3 repeats
#   benchmarks/one-shape.sh node 100                          # node socket.io, 100 recipients (20 rooms)
#   SHAPE_OPTS="-Dmedsync.socket.io-threads=1" benchmarks/one-shape.sh medsync 10     # a setting to compare
#   SHAPE_PROFILE=10 benchmarks/one-shape.sh medsync 10      # async-profiler over 10 s of the warm phase
#   SHAPE_PROFILE=2.5 SHAPE_PROFILE_PHASE=cold benchmarks/one-shape.sh medsync 10  # the 1.5 s pause, then 1 s of cold
#   SHAPE_PROFILE=10 SHAPE_PROFILE_EVENT=alloc benchmarks/one-shape.sh medsync 100  # bytes allocated, by stack
#
# Settings (environment): SHAPE_REPEAT (3), SHAPE_WARM_UP_EVENTS (4000), SHAPE_WARM_EVENTS (10000), SHAPE_DELIVERIES_PER_S (20000),
# SHAPE_CONCURRENCY (0: a fixed rate; N: a closed loop of N HTTP callers instead, as run.sh's closed-loop shape),
# SHAPE_DIST (distributions/target/medsync-realtime), SHAPE_PHASE (week1), SHAPE_OPTS (JVM options, MedSync),
# SHAPE_PROFILE_PHASE (warm, or cold: the generator then waits 1.5 s after connecting, with the profiler loaded,
# and profiling starts once the sockets are connected, covering the pause and then the phase; the cold figure
# printed then includes the profiler's cost), SHAPE_PROFILE_EVENT (cpu, or alloc: the collapsed stacks then count
# the bytes allocated at each stack, as async-profiler's sampling of TLAB refills and outside-TLAB objects
# estimates them, and the summary by thread role reads "samples" as bytes).
# Needs the distribution built (mvn -DskipTests -pl distributions -am package) and `npm ci` in
# benchmarks/node-loadgen and benchmarks/node-server (benchmarks/run.sh does both). With SHAPE_PROFILE, the
# async-profiler jar comes from Maven Central (tools.profiler:async-profiler:4.1, linux-x64) and each repeat
# leaves its collapsed stacks in benchmarks/target/one-shape/, summed up by thread role on stdout. Other
# work on the machine moves these figures by 20% and more: compare settings in alternating repeats.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

server=${1:?usage: one-shape.sh medsync|node RECIPIENTS}
recipients=${2:?usage: one-shape.sh medsync|node RECIPIENTS}
repeat=${SHAPE_REPEAT:-3}
warm_events=${SHAPE_WARM_EVENTS:-10000}
warm_up_events=${SHAPE_WARM_UP_EVENTS:-4000}
deliveries=${SHAPE_DELIVERIES_PER_S:-20000}
concurrency=${SHAPE_CONCURRENCY:-0}
dist=$(cd "${SHAPE_DIST:-distributions/target/medsync-realtime}" && pwd)
profile=${SHAPE_PROFILE:-0}
profile_phase=${SHAPE_PROFILE_PHASE:-warm}
case "$profile_phase" in warm|cold) ;; *) echo "SHAPE_PROFILE_PHASE must be warm or cold, not '$profile_phase'" >&2; exit 2 ;; esac
profile_event=${SHAPE_PROFILE_EVENT:-cpu}
case "$profile_event" in
  cpu) profile_start="event=cpu,interval=1ms"; profile_dump="collapsed" ;;
  alloc) profile_start="event=alloc"; profile_dump="collapsed,total" ;;
  *) echo "SHAPE_PROFILE_EVENT must be cpu or alloc, not '$profile_event'" >&2; exit 2 ;;
esac
sockets=2000
rooms=$((sockets / recipients))
rate=$((deliveries / recipients))
logs=$root/benchmarks/target/one-shape
mkdir -p "$logs"
ulimit -n "$(ulimit -Hn)" || true

case "$server" in medsync|node) ;; *) echo "server must be medsync or node, not '$server'" >&2; exit 2 ;; esac
[ -d benchmarks/node-loadgen/node_modules ] || { echo "run npm ci in benchmarks/node-loadgen first" >&2; exit 2; }

profiler_lib=
if [ "$profile" != 0 ]; then
  jar=$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1-linux-x64.jar
  [ -f "$jar" ] || mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64
  mkdir -p benchmarks/target/async-profiler
  (cd benchmarks/target/async-profiler && unzip -o -q "$jar")
  profiler_lib=$root/benchmarks/target/async-profiler/linux-x64/libasyncProfiler.so
fi

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

# How a phase is paced in the generator's spec: a fixed rate, or a closed loop of SHAPE_CONCURRENCY callers.
pace() {
  if [ "$concurrency" = 0 ]; then printf '"rate":%s' "$1"; else printf '"concurrency":%s' "$concurrency"; fi
}

secret=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)
key=$(head -c 16 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')

for run in $(seq 1 "$repeat"); do
  socket_port=$(free_port); http_port=$(free_port)
  work=$(mktemp -d "${TMPDIR:-/tmp}/medsync-one-shape.XXXXXX")
  tag=$server-$recipients-$run
  rm -f "$logs/$tag.collapsed"
  if [ "$server" = medsync ]; then
    MEDSYNC_SOCKET_PORT=$socket_port MEDSYNC_HTTP_PORT=$http_port MEDSYNC_BIND=127.0.0.1 MEDSYNC_JWT_SECRET=$secret \
      MEDSYNC_API_KEY=$key MEDSYNC_ADMIN_TOKEN=$key$key MEDSYNC_PHASE=${SHAPE_PHASE:-week1} \
      MEDSYNC_STATE_DIR=$work/state KWIK_WEBHOOK_SECRET=$key \
      JAVA_OPTS="-Xms512m -Xmx1g -Dmedsync.limits.outbound-queue=1000000 ${SHAPE_OPTS:-}" \
      "$dist/bin/medsync-realtime" > "$logs/$tag.server.log" 2>&1 &   # the launcher execs java: $! is the JVM
  else
    BENCH_SOCKET_PORT=$socket_port BENCH_HTTP_PORT=$http_port BENCH_JWT_SECRET=$secret BENCH_API_KEY=$key \
      node benchmarks/node-server/server.js > "$logs/$tag.server.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 200); do
    if [ "$server" = medsync ]; then
      curl -sf -o /dev/null "http://127.0.0.1:$http_port/health/ready" && break
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped; see $logs/$tag.server.log" >&2; exit 1; }
    sleep 0.2
  done
  pause=0
  [ -n "$profiler_lib" ] && [ "$profile_phase" = cold ] && pause=1500
  spec=$(printf '{"socketPort":%s,"httpPort":%s,"apiKey":"%s","jwtSecret":"%s","serverPid":%s,"pauseAfterConnectMs":%s,"sockets":%s,"rooms":%s,"phases":[{"name":"cold","events":2000,%s},{"name":"warm-up","events":%s,%s},{"name":"warm","events":%s,%s}]}' \
    "$socket_port" "$http_port" "$key" "$secret" "$server_pid" "$pause" "$sockets" "$rooms" "$(pace "$rate")" \
    "$warm_up_events" "$(pace $((rate * 2)))" "$warm_events" "$(pace "$rate")")
  profiler=
  if [ -n "$profiler_lib" ] && [ "$server" = medsync ]; then
    # jcmd parses key=value itself: the profiler's options travel as one quoted argument.
    # Gives up when the generator ends without reaching the phase (it failed), rather than waiting for ever.
    # For the cold phase the agent is loaded first (loading takes longer than starting it), and profiling starts
    # as the generator's pause after connecting begins: SHAPE_PROFILE covers the pause and then the phase.
    if [ "$profile_phase" = cold ]; then
      jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"status\"" > /dev/null
      ready='"type":"connected"'; settle=0   # the idle pause adds next to no samples
    else
      ready='"name":"warm-up"'; settle=0.5
    fi
    ( for _ in $(seq 1 30000); do grep -q "$ready"'\|"type":"error"\|"type":"done"' "$work/out.jsonl" 2>/dev/null && break; sleep 0.02; done
      grep -q "$ready" "$work/out.jsonl" 2>/dev/null || exit 0
      sleep "$settle"
      jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"start,$profile_start\"" > /dev/null
      sleep "$profile"
      jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"stop,file=$logs/$tag.collapsed,$profile_dump\"" > /dev/null
    ) &
    profiler=$!
  fi
  node benchmarks/node-loadgen/loadgen.js "$spec" > "$work/out.jsonl" 2> "$logs/$tag.loadgen.log" || true
  [ -n "$profiler" ] && wait "$profiler"
  stop_server
  node - "$work/out.jsonl" "$tag" "${SHAPE_OPTS:-}" <<'JS'
const [file, tag, opts] = process.argv.slice(2);
for (const line of require("fs").readFileSync(file, "utf8").split("\n").filter(Boolean)) {
  const o = JSON.parse(line);
  if (o.type === "error") console.log(tag, "generator error:", o.message);
  if (o.type !== "phase") continue;
  console.log([tag, o.name.padEnd(7), "cpu/delivery " + String(o.cpuPerDeliveryUs).padStart(6) + " us",
    "delivered/s " + Math.round(o.deliveredPerS), "lost " + o.lost, "p50 " + o.latencyMs.p50 + " ms", "p99 " + o.latencyMs.p99 + " ms",
    "generator " + Math.round(o.generatorCpuMs) + " ms", opts].join("  "));
}
JS
  if [ -f "$logs/$tag.collapsed" ]; then
    node - "$logs/$tag.collapsed" <<'JS'
// Sums the samples by what the thread was doing, from the frames of each stack.
const roles = [["delivery thread", /DeliveryThread\.run/], ["HTTP handler pool", /ThreadPoolExecutor\.runWorker/],
  ["event loop: socket writes", /LoopDrain\.run|drainWebSocket/], ["event loop: HTTP", /medsync\/realtime\/http\//],
  ["event loop: waiting", /epollWait/], ["event loop: other", /EpollEventLoop\.run/], ["GC", /GC|PSPromotion|PSScavenge/],
  ["JIT compiler", /CompileBroker/]];
const sums = new Map(); let total = 0;
for (const line of require("fs").readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)) {
  const at = line.lastIndexOf(" "), stack = line.slice(0, at), n = Number(line.slice(at + 1));
  const role = (roles.find(([, re]) => re.test(stack)) || ["other"])[0];
  sums.set(role, (sums.get(role) || 0) + n); total += n;
}
for (const [role, n] of [...sums].sort((a, b) => b[1] - a[1])) console.log("  " + (100 * n / total).toFixed(1).padStart(5) + "%  " + role);
console.log("  " + total + " samples; stacks in " + process.argv[2]);
JS
  fi
  rm -rf "$work"
done
