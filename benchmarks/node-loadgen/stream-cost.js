#!/usr/bin/env node
// The measuring half of benchmarks/stream-cost.sh (issue #14, item 6): what the one shared Redis stream costs
// as nodes are added. The shell script starts Redis and the nodes; this process holds sockets on every node,
// publishes over node 1's HTTP API, and reads CPU (/proc), Redis's INFO and each node's /metrics around fixed
// windows.
//
//   node stream-cost.js measure '<spec JSON>'                      one cluster size: one JSON line on stdout
//   node stream-cost.js simulate '<spec JSON>'                     Redis with N simulated readers: one JSON line
//   node stream-cost.js report <results.jsonl> <out.json> <out.md> '<meta JSON>'
//
// Raw Engine.IO 4 / Socket.IO 5 frames over `ws`, as loadgen.js speaks them. The event is chat:message (the
// chat plugin validates it and routes it to chat:{roomId}, and writes nothing to the store), so the Redis cost
// measured is the stream's: one XADD per event and every node's XREAD.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const { execFileSync } = require("node:child_process");
const WebSocket = require("ws");

const NAMESPACE = "/patient-pharmacy";
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

function log(message) {
  process.stderr.write("[stream-cost] " + message + "\n");
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => Number(process.hrtime.bigint());
const round = (x, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

// ------------------------------------------------------------------------------------------ /proc

/** @return utime + stime of a process in ms, or null once it is gone */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync("/proc/" + pid + "/stat", "latin1");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields 14 and 15 at indexes 11, 12
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch (error) {
    return null;
  }
}

/** @return the machine's busy and total jiffies, every core together (first line of /proc/stat) */
function machineJiffies() {
  const cpu = fs.readFileSync("/proc/stat", "latin1").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: total - cpu[3] - (cpu[4] || 0), total };
}

function loadavg() {
  return fs.readFileSync("/proc/loadavg", "latin1").trim().split(" ").slice(0, 3).map(Number);
}

// ------------------------------------------------------------------------------------------ Redis

/**
 * @return the RESP reply starting at `pos` of `buf` and where it ends, or undefined while it is incomplete;
 * bulk strings are Buffers (slices), errors Error objects
 */
function parseReply(buf, pos) {
  const end = buf.indexOf("\r\n", pos);
  if (end < 0) return undefined;
  const head = buf.toString("latin1", pos + 1, end);
  switch (buf[pos]) {
    case 43: /* + */ return [head, end + 2];
    case 45: /* - */ return [new Error(head), end + 2];
    case 58: /* : */ return [Number(head), end + 2];
    case 36: /* $ */ {
      const length = Number(head);
      if (length < 0) return [null, end + 2];
      return buf.length < end + 4 + length ? undefined : [buf.subarray(end + 2, end + 2 + length), end + 4 + length];
    }
    case 42: /* * */ {
      const count = Number(head);
      if (count < 0) return [null, end + 2];
      const items = [];
      let next = end + 2;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, next);
        if (item === undefined) return undefined;
        items.push(item[0]);
        next = item[1];
      }
      return [items, next];
    }
    default:
      throw new Error("not a RESP reply: " + buf.toString("latin1", pos, Math.min(buf.length, pos + 40)));
  }
}

/** A Redis connection in RESP2, pipelined: replies come back in the order commands were sent. */
class RespClient {
  constructor(port) {
    this.port = port;
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    this.pending = [];
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = net.connect({ host: "127.0.0.1", port: this.port }, resolve);
      this.socket.setNoDelay(true);
      this.socket.once("error", reject);
      this.socket.on("data", (chunk) => this.onData(chunk));
    });
  }

  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let pos = 0;
    let reply;
    while (pos < this.buffer.length && (reply = parseReply(this.buffer, pos)) !== undefined) {
      pos = reply[1];
      this.pending.shift()(reply[0]);
    }
    this.buffer = this.buffer.subarray(pos);
  }

  /** Sends a command; `callback` gets its reply. */
  send(args, callback) {
    let text = "*" + args.length + "\r\n";
    for (const arg of args) text += "$" + Buffer.byteLength(arg) + "\r\n" + arg + "\r\n";
    this.pending.push(callback);
    this.socket.write(text);
  }

  command(args) {
    return new Promise((resolve, reject) => this.send(args, (reply) => (reply instanceof Error ? reject(reply) : resolve(reply))));
  }

  /** @return INFO all as {field: value}; commandstats lines become {cmdstat_x: {calls, usec, ...}} */
  async info() {
    const text = (await this.command(["INFO", "all"])).toString("latin1");
    const fields = {};
    for (const line of text.split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon < 0 || line.startsWith("#")) continue;
      const key = line.slice(0, colon);
      const value = line.slice(colon + 1);
      if (key.startsWith("cmdstat_")) {
        const stats = {};
        for (const pair of value.split(",")) {
          const [k, v] = pair.split("=");
          stats[k] = Number(v);
        }
        fields[key] = stats;
      } else {
        fields[key] = value;
      }
    }
    return fields;
  }

  close() {
    if (this.socket) this.socket.destroy();
  }
}

// ---------------------------------------------------------------------------------------- /metrics

const metricsAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function httpGet(port, path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, agent: metricsAgent, timeout: 5000 }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => { text += chunk; });
      response.on("end", () => resolve(text));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("GET " + path + " timed out")));
    request.on("error", reject);
  });
}

/**
 * The figures of a node's Prometheus text this benchmark reads: deliveries, stream lag, and per Redis command
 * type the count and sum of Lettuce's completion times (summed over the node's connections).
 */
async function nodeMetrics(port) {
  const text = await httpGet(port, "/metrics");
  const figures = { eventsOut: 0, lagEvents: null, lagSeconds: null, redis: {} };
  for (const line of text.split("\n")) {
    if (line.startsWith("medsync_events_out_total")) {
      figures.eventsOut += Number(line.slice(line.lastIndexOf(" ") + 1));
    } else if (line.startsWith("medsync_stream_lag_events ")) {
      figures.lagEvents = Number(line.slice(line.lastIndexOf(" ") + 1));
    } else if (line.startsWith("medsync_stream_lag_seconds ")) {
      figures.lagSeconds = Number(line.slice(line.lastIndexOf(" ") + 1));
    } else if (line.startsWith("lettuce_command_completion_seconds_count{") || line.startsWith("lettuce_command_completion_seconds_sum{")) {
      const command = /command="([A-Z]+)"/.exec(line);
      if (!command) continue;
      const entry = figures.redis[command[1]] || (figures.redis[command[1]] = { count: 0, sum: 0 });
      entry[line.includes("_count{") ? "count" : "sum"] += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return figures;
}

// --------------------------------------------------------------------------------------- the sockets

function token(secret, subject, room) {
  const encode = (object) => Buffer.from(JSON.stringify(object)).toString("base64url");
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const unsigned = encode({ alg: "HS256", typ: "JWT" }) + "." + encode({ sub: subject, role: "patient", rooms: ["chat:" + room], exp });
  return unsigned + "." + crypto.createHmac("sha256", Buffer.from(secret, "utf8")).update(unsigned).digest("base64url");
}

const EVENT_PREFIX = Buffer.from("42" + NAMESPACE + ',["chat:message",');
const MARKER = Buffer.from('"id":"m_');

/**
 * Socket `index` of node `node`: connects, joins chat:r<index % rooms> and resolves once the join is
 * acknowledged. Every chat:message it gets is counted for its node, with its publish-to-receive time.
 */
function openSocket(spec, stats, node, index) {
  const room = "r" + (index % spec.rooms);
  const url = "ws://127.0.0.1:" + spec.nodes[node].socketPort + "/socket.io/?EIO=4&transport=websocket";
  const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: 30000 });
  const connectFrame = "40" + NAMESPACE + ',{"token":"' + token(spec.jwtSecret, "n" + node + "s" + index, room) + '"}';
  return new Promise((resolve, reject) => {
    let joined = false;
    const timer = setTimeout(() => reject(new Error("node " + (node + 1) + " socket " + index + ": not joined within 30 s")), 30000);
    ws.on("error", (error) => reject(new Error("node " + (node + 1) + " socket " + index + ": " + error.message)));
    ws.on("close", () => {
      if (joined && !stats.closing) stats.closedByServer++;
    });
    ws.on("message", (data) => {
      if (data[0] === 52 /* 4 */ && data[1] === 50 /* 2 */ && EVENT_PREFIX.compare(data, 0, EVENT_PREFIX.length) === 0) {
        onMessage(stats, node, data);
      } else if (data[0] === 50 /* 2: ping */) {
        ws.send("3");
      } else if (data[0] === 48 /* 0: open */) {
        ws.send(connectFrame);
      } else if (data.toString("latin1", 0, 3 + NAMESPACE.length) === "40" + NAMESPACE + ",") {
        ws.send("42" + NAMESPACE + ',1["join",{"room":"chat:' + room + '"}]');
      } else if (data.toString("latin1", 0, 4 + NAMESPACE.length) === "43" + NAMESPACE + ",1") {
        clearTimeout(timer);
        if (!data.toString("latin1").includes('"ok":true')) return reject(new Error("join refused: " + data));
        joined = true;
        resolve(ws);
      } else if (data.toString("latin1", 0, 2) === "44") {
        reject(new Error("connect_error: " + data));
      }
    });
  });
}

/** A delivered chat:message: m_<seq>_<sent ns> read from its bytes. */
function onMessage(stats, node, data) {
  let i = data.indexOf(MARKER, EVENT_PREFIX.length);
  if (i < 0) return;
  i += MARKER.length;
  let b;
  while ((b = data[i++]) >= 48 && b <= 57);
  let sentNs = 0;
  while ((b = data[i++]) >= 48 && b <= 57) sentNs = sentNs * 10 + (b - 48);
  stats.delivered[node]++;
  if (stats.latencies.length < 2000000) stats.latencies.push((nowNs() - sentNs) / 1e6);
}

// ------------------------------------------------------------------------------------------ publishing

/** Publishes chat:message events to node 1's HTTP API: at `rate` per second (open loop) or from `concurrency` callers. */
class Publisher {
  constructor(spec, stats) {
    this.spec = spec;
    this.stats = stats;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    this.seq = 0;
    this.inFlight = 0;
    this.running = false;
  }

  publishOne(done) {
    const seq = this.seq++;
    const room = seq % this.spec.rooms;
    const body = '{"event":"chat:message","data":{"id":"m_' + seq + "_" + nowNs() + '","roomId":"r' + room
      + '","senderId":"stream_cost","senderType":"system","content":"stream cost","messageType":"TEXT",'
      + '"createdAt":"2026-12-06T00:00:00Z"}}';
    const stats = this.stats;
    this.inFlight++;
    const finish = (status, text) => {
      this.inFlight--;
      if (status === 202) {
        stats.accepted++;
        for (let n = 0; n < stats.delivered.length; n++) stats.expected[n] += stats.roomSockets[n][room];
      } else {
        stats.refused++;
        if (stats.firstRefusal === null) stats.firstRefusal = status + " " + text;
      }
      done();
    };
    const request = http.request({
      agent: this.agent, host: "127.0.0.1", port: this.spec.nodes[0].httpPort, method: "POST", path: "/api/v1/events",
      headers: { Authorization: "Bearer " + this.spec.apiKey, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
    }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => { if (response.statusCode !== 202) text += chunk; });
      response.on("end", () => finish(response.statusCode, text));
    });
    request.on("error", (error) => finish(0, error.message));
    request.end(body);
  }

  /** Open loop on an hrtime schedule, at most 64 unanswered; late publishes are caught up 10 ms' worth at a time. */
  startRate(rate) {
    this.running = true;
    const start = nowNs();
    const interval = 1e9 / rate;
    const burst = Math.max(1, Math.ceil(rate / 100));
    let issued = 0;
    const tick = () => {
      if (!this.running) return;
      const due = Math.floor((nowNs() - start) / interval) + 1;
      for (let now = 0; issued < due && this.inFlight < 64 && now < burst; now++, issued++) this.publishOne(() => {});
      if (issued < due && this.inFlight < 64) setImmediate(tick);
      else setTimeout(tick, Math.max(1, Math.floor((start + issued * interval - nowNs()) / 1e6)));
    };
    tick();
  }

  /** Closed loop: `concurrency` callers, each publishing again as soon as answered. */
  startClosedLoop(concurrency) {
    this.running = true;
    const again = () => {
      if (this.running) this.publishOne(again);
    };
    for (let c = 0; c < concurrency; c++) again();
  }

  async stop() {
    this.running = false;
    while (this.inFlight > 0) await sleep(10);
  }
}

// --------------------------------------------------------------------------------------------- windows

/** The machine's and Redis's counters (the CPU of `redisPid`, INFO all) and this process's CPU, now. */
async function redisSnapshot(redis, redisPid) {
  const info = await redis.info();
  const cpu = process.cpuUsage();
  return {
    ns: nowNs(),
    loadavg: loadavg(),
    machine: machineJiffies(),
    redisCpuMs: processCpuMs(redisPid),
    redisInfoCpuS: Number(info.used_cpu_user) + Number(info.used_cpu_sys),
    redisNetOutBytes: Number(info.total_net_output_bytes),
    redisCommands: Object.fromEntries(Object.entries(info).filter(([k]) => k.startsWith("cmdstat_")).map(([k, v]) => [k.slice(8), v])),
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** Every counter a window is the difference of. */
async function snapshot(spec, redis, stats) {
  const [redisPart, ...metrics] = await Promise.all([redisSnapshot(redis, spec.redis.pid), ...spec.nodes.map((n) => nodeMetrics(n.httpPort))]);
  return {
    ...redisPart,
    nodeCpuMs: spec.nodes.map((n) => processCpuMs(n.pid)),
    metrics,
    accepted: stats.accepted,
    refused: stats.refused,
    delivered: stats.delivered.slice(),
    latencyIndex: stats.latencies.length,
  };
}

function percentile(sorted, q) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Redis's and the machine's figures between snapshots a and b, in which `events` were added to the stream and
 * `readers` read it; `idle` is an idle window's figures, whose Redis CPU is taken off for the net figure.
 */
function redisFigures(a, b, events, readers, idle) {
  const seconds = (b.ns - a.ns) / 1e9;
  const perEvent = (x) => (events > 0 ? x / events : null);
  const redisCpuS = b.redisInfoCpuS - a.redisInfoCpuS;
  const commands = {};
  for (const [name, after] of Object.entries(b.redisCommands)) {
    const before = a.redisCommands[name] || { calls: 0, usec: 0 };
    const calls = after.calls - before.calls;
    if (calls <= 0) continue;
    const usec = after.usec - before.usec;
    commands[name] = { callsPerS: round(calls / seconds), usecPerCall: round(usec / calls, 2), usecPerEvent: round(perEvent(usec), 2) };
  }
  const xreadCalls = commands.xread ? commands.xread.callsPerS * seconds : 0;
  return {
    seconds: round(seconds, 2),
    loadavgBefore: a.loadavg,
    loadavgAfter: b.loadavg,
    machineBusyPercent: round(((b.machine.busy - a.machine.busy) * 100) / (b.machine.total - a.machine.total)),
    publishedPerS: round(events / seconds),
    redisCpuPercent: round((redisCpuS * 100) / seconds),
    redisCpuPercentProc: a.redisCpuMs === null || b.redisCpuMs === null ? null : round(((b.redisCpuMs - a.redisCpuMs) / 10) / seconds),
    redisUsPerEvent: round(perEvent(redisCpuS * 1e6), 2),
    redisUsPerEventNetOfIdle: idle ? round(perEvent((redisCpuS - (idle.redisCpuPercent / 100) * seconds) * 1e6), 2) : null,
    redisNetOutBytesPerEvent: round(perEvent(b.redisNetOutBytes - a.redisNetOutBytes)),
    redisEntriesPerXread: xreadCalls > 0 ? round((events * readers) / xreadCalls, 2) : null,
    redisCommands: commands,
    generatorCpuPercent: round(((b.generatorCpuMs - a.generatorCpuMs) / 10) / seconds),
  };
}

/** The figures of the window between snapshots a and b. */
function windowFigures(spec, stats, a, b, lagSamples, idle) {
  const events = b.accepted - a.accepted;
  const figures = redisFigures(a, b, events, spec.nodes.length, idle);
  const seconds = (b.ns - a.ns) / 1e9;
  const perEvent = (us) => (events > 0 ? us / events : null);
  const recipientsPerNode = spec.socketsPerNode / spec.rooms;
  figures.refused = b.refused - a.refused;
  figures.nodes = spec.nodes.map((node, n) => {
    const deliveries = b.delivered[n] - a.delivered[n];
    const cpuMs = a.nodeCpuMs[n] === null || b.nodeCpuMs[n] === null ? null : b.nodeCpuMs[n] - a.nodeCpuMs[n];
    const idleCpuMs = idle ? (idle.nodes[n].cpuPercent * 10) * seconds : null;
    const lags = lagSamples.filter((s) => s.ns >= a.ns && s.ns <= b.ns).map((s) => s.nodes[n]).filter(Boolean);
    return {
      node: node.name,
      deliveriesPerS: round(deliveries / seconds),
      eventsPerS: round(deliveries / recipientsPerNode / seconds),
      serverDeliveriesPerS: round((b.metrics[n].eventsOut - a.metrics[n].eventsOut) / seconds),
      cpuPercent: cpuMs === null ? null : round((cpuMs / 10) / seconds),
      cpuUsPerEvent: cpuMs === null ? null : round(perEvent(cpuMs * 1000)),
      cpuUsPerEventNetOfIdle: cpuMs === null || idleCpuMs === null ? null : round(perEvent((cpuMs - idleCpuMs) * 1000)),
      lagEventsMax: lags.length ? Math.max(...lags.map((l) => l.events)) : null,
      lagEventsMean: lags.length ? round(lags.reduce((sum, l) => sum + l.events, 0) / lags.length) : null,
      lagSecondsMax: lags.length ? Math.max(...lags.map((l) => l.seconds)) : null,
      lagSamples: lags.length,
      xaddMeanMs: diffCommand(a.metrics[n].redis.XADD, b.metrics[n].redis.XADD),
    };
  });
  const latencies = stats.latencies.slice(a.latencyIndex, b.latencyIndex).sort((x, y) => x - y);
  figures.latencyMs = { p50: round(percentile(latencies, 0.5), 2), p99: round(percentile(latencies, 0.99), 2), max: round(latencies[latencies.length - 1], 2) };
  return figures;
}

function diffCommand(before, after) {
  if (!before || !after || after.count <= before.count) return null;
  return round(((after.sum - before.sum) * 1000) / (after.count - before.count), 3);
}

/** Samples every node's stream lag once a second (the node probes it once a second too). */
function startLagSampler(spec, samples) {
  let stopped = false;
  (async () => {
    while (!stopped) {
      const started = Date.now();
      const nodes = await Promise.all(spec.nodes.map((n) => nodeMetrics(n.httpPort)
        .then((m) => ({ events: m.lagEvents, seconds: m.lagSeconds })).catch(() => null)));
      samples.push({ ns: nowNs(), nodes });
      await sleep(Math.max(0, 1000 - (Date.now() - started)));
    }
  })();
  return () => { stopped = true; };
}

async function windows(spec, redis, stats, lagSamples, count, seconds, idle) {
  const results = [];
  let a = await snapshot(spec, redis, stats);
  for (let r = 0; r < count; r++) {
    await sleep(seconds * 1000);
    const b = await snapshot(spec, redis, stats);
    results.push(windowFigures(spec, stats, a, b, lagSamples, idle));
    log("  window " + (r + 1) + ": " + JSON.stringify(summaryLine(results[r])));
    a = b;
  }
  return results;
}

function summaryLine(w) {
  return {
    publishedPerS: w.publishedPerS, eventsPerSPerNode: w.nodes.map((n) => n.eventsPerS), redisCpu: w.redisCpuPercent,
    redisUsPerEvent: w.redisUsPerEvent, nodeUsPerEvent: w.nodes.map((n) => n.cpuUsPerEvent),
    lagMax: w.nodes.map((n) => n.lagEventsMax), load: w.loadavgAfter[0],
  };
}

/** Waits until every node got every accepted event, at most `ms`. */
async function drain(stats, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && stats.delivered.some((d, n) => d < stats.expected[n])) await sleep(50);
}

async function measure(spec) {
  const nodeCount = spec.nodes.length;
  const stats = {
    accepted: 0, refused: 0, firstRefusal: null, closedByServer: 0, closing: false,
    delivered: new Array(nodeCount).fill(0), expected: new Array(nodeCount).fill(0), latencies: [],
    roomSockets: spec.nodes.map(() => new Array(spec.rooms).fill(0)),
  };
  const redis = new RespClient(spec.redis.port);
  await redis.connect();

  log(nodeCount + " node(s): connecting " + spec.socketsPerNode + " sockets to each");
  const sockets = [];
  for (let n = 0; n < nodeCount; n++) {
    for (let i = 0; i < spec.socketsPerNode; i += 50) {
      const batch = [];
      for (let j = i; j < Math.min(spec.socketsPerNode, i + 50); j++) batch.push(openSocket(spec, stats, n, j));
      sockets.push(...(await Promise.all(batch)));
    }
    for (let i = 0; i < spec.socketsPerNode; i++) stats.roomSockets[n][i % spec.rooms]++;
  }

  const lagSamples = [];
  const stopLag = startLagSampler(spec, lagSamples);
  const publisher = new Publisher(spec, stats);

  log("idle, " + spec.idleS + " s");
  const [idle] = await windows(spec, redis, stats, lagSamples, 1, spec.idleS, null);

  log("fixed rate " + spec.rate + "/s: " + spec.warmupS + " s warm-up, " + spec.repeats + " x " + spec.windowS + " s");
  publisher.startRate(spec.rate);
  await sleep(spec.warmupS * 1000);
  const fixed = await windows(spec, redis, stats, lagSamples, spec.repeats, spec.windowS, idle);
  await publisher.stop();
  await drain(stats, 10000);
  const fixedLoss = stats.expected.map((e, n) => e - stats.delivered[n]);

  let saturation = [];
  if (spec.satConcurrency > 0) {
    log("closed loop, " + spec.satConcurrency + " callers: " + spec.satWarmupS + " s warm-up, " + spec.repeats + " x " + spec.satWindowS + " s");
    publisher.startClosedLoop(spec.satConcurrency);
    await sleep(spec.satWarmupS * 1000);
    saturation = await windows(spec, redis, stats, lagSamples, spec.repeats, spec.satWindowS, idle);
    await publisher.stop();
    const drainStart = Date.now();
    await drain(stats, 20000);
    log("drained the closed loop's backlog in " + (Date.now() - drainStart) + " ms");
  }

  stopLag();
  stats.closing = true;
  for (const ws of sockets) ws.terminate();
  redis.close();
  metricsAgent.destroy();
  publisher.agent.destroy();
  return {
    type: "cluster",
    nodes: nodeCount,
    socketsPerNode: spec.socketsPerNode,
    rooms: spec.rooms,
    recipientsPerEventPerNode: spec.socketsPerNode / spec.rooms,
    offeredPerS: spec.rate,
    satConcurrency: spec.satConcurrency,
    idle,
    fixed,
    saturation,
    accepted: stats.accepted,
    refused: stats.refused,
    firstRefusal: stats.firstRefusal,
    expected: stats.expected,
    delivered: stats.delivered,
    lostAfterFixedRate: fixedLoss,
    lost: stats.expected.map((e, n) => e - stats.delivered[n]),
    closedByServer: stats.closedByServer,
  };
}

// ------------------------------------------------------------------------------------ simulated readers

/**
 * A node's commands to the stream without the node: one connection adding entries as RedisBroker.publish
 * does (XADD with an exact MINID trim of 150 s, the payload of a real entry), and `readers` connections each
 * looping as RedisBroker's reader does (XREAD COUNT 512 BLOCK 1000 from the last id it read). So Redis's side of
 * 10 or 30 nodes can be measured on a machine that cannot run 30 JVMs.
 */
async function simulate(spec) {
  const admin = new RespClient(spec.redis.port);
  await admin.connect();
  const real = await admin.command(["XREVRANGE", spec.realStream, "+", "-", "COUNT", "1"]);
  if (!real || real.length === 0) throw new Error("no entry in " + spec.realStream + " to copy the payload from");
  const payload = real[0][1][1].toString("utf8");
  const stream = spec.realStream + ":simulated";
  const idleStart = await redisSnapshot(admin, spec.redis.pid);
  await sleep(2000);
  const idle = redisFigures(idleStart, await redisSnapshot(admin, spec.redis.pid), 0, 0, null);
  const points = [];
  for (const point of spec.points) {
    log("simulated: " + point.readers + " reader(s), " + (point.rate ? point.rate + " XADD/s" : point.concurrency + " XADDs in flight"));
    const newest = await admin.command(["XREVRANGE", stream, "+", "-", "COUNT", "1"]);
    const startId = newest && newest.length ? newest[0][0].toString("latin1") : "0-0";
    const readers = [];
    let stopping = false;
    for (let r = 0; r < point.readers; r++) {
      const reader = { client: new RespClient(spec.redis.port), lastId: startId, read: 0 };
      await reader.client.connect();
      const loop = () => {
        if (stopping) return;
        reader.client.send(["XREAD", "COUNT", "512", "BLOCK", "1000", "STREAMS", stream, reader.lastId], (reply) => {
          if (Array.isArray(reply)) {
            const entries = reply[0][1];
            reader.read += entries.length;
            reader.lastId = entries[entries.length - 1][0].toString("latin1");
          }
          loop();
        });
      };
      loop();
      readers.push(reader);
    }

    const publisher = new RespClient(spec.redis.port);
    await publisher.connect();
    let added = 0;
    let inFlight = 0;
    let running = true;
    const xadd = (done) => {
      inFlight++;
      publisher.send(["XADD", stream, "MINID", (Date.now() - 150000) + "-0", "*", "event", payload], () => {
        inFlight--;
        added++;
        done();
      });
    };
    if (point.rate) {
      const start = nowNs();
      const interval = 1e9 / point.rate;
      let issued = 0;
      const tick = () => {
        if (!running) return;
        const due = Math.floor((nowNs() - start) / interval) + 1;
        for (; issued < due && inFlight < 256; issued++) xadd(() => {});
        setTimeout(tick, 1);
      };
      tick();
    } else {
      const again = () => {
        if (running) xadd(again);
      };
      for (let c = 0; c < point.concurrency; c++) again();
    }

    const counters = async () => ({ ...(await redisSnapshot(admin, spec.redis.pid)), added, read: readers.map((r) => r.read) });
    await sleep(spec.warmupS * 1000);
    const windows = [];
    let a = await counters();
    for (let w = 0; w < spec.repeats; w++) {
      await sleep(spec.windowS * 1000);
      const b = await counters();
      const figures = redisFigures(a, b, b.added - a.added, point.readers, idle);
      const readPerS = b.read.map((x, r) => (x - a.read[r]) / ((b.ns - a.ns) / 1e9));
      figures.readPerSSlowestReader = round(Math.min(...readPerS));
      figures.readerLagMax = Math.max(0, ...b.read.map((x) => b.added - x));
      windows.push(figures);
      log("  window " + (w + 1) + ": " + JSON.stringify({ added: figures.publishedPerS, read: figures.readPerSSlowestReader,
        redisCpu: figures.redisCpuPercent, usPerEvent: figures.redisUsPerEvent, entriesPerXread: figures.redisEntriesPerXread, lag: figures.readerLagMax }));
      a = b;
    }
    running = false;
    while (inFlight > 0) await sleep(10);
    const until = Date.now() + 10000;
    while (Date.now() < until && readers.some((r) => r.read < added)) await sleep(20);
    stopping = true;
    for (const r of readers) r.client.close();
    publisher.close();
    points.push({ readers: point.readers, rate: point.rate || null, concurrency: point.concurrency || null, windows,
      unread: readers.map((r) => added - r.read) });
  }
  await admin.command(["DEL", stream]);
  admin.close();
  return { type: "simulated", payloadBytes: Buffer.byteLength(payload), idle, points };
}

// ---------------------------------------------------------------------------------------------- report

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** {median, min, max, runs} of one figure over a run's windows. */
function spread(windowList, pick) {
  const runs = windowList.map(pick);
  const v = runs.filter((x) => x !== null && x !== undefined && Number.isFinite(x));
  return { median: median(v), min: v.length ? Math.min(...v) : null, max: v.length ? Math.max(...v) : null, runs };
}

const meanOver = (list) => (list.length ? list.reduce((s, x) => s + x, 0) / list.length : null);

function summarize(result) {
  const reading = (w) => w.nodes.slice(1); // nodes that only read: every publish goes to node 1
  const part = (list) => ({
    publishedPerS: spread(list, (w) => w.publishedPerS),
    eventsPerSPerNode: spread(list, (w) => meanOver(w.nodes.map((n) => n.eventsPerS))),
    eventsPerSSlowestNode: spread(list, (w) => Math.min(...w.nodes.map((n) => n.eventsPerS))),
    redisCpuPercent: spread(list, (w) => w.redisCpuPercent),
    redisUsPerEvent: spread(list, (w) => w.redisUsPerEvent),
    redisUsPerEventNetOfIdle: spread(list, (w) => w.redisUsPerEventNetOfIdle),
    xaddUsPerCall: spread(list, (w) => (w.redisCommands.xadd ? w.redisCommands.xadd.usecPerCall : null)),
    xreadUsPerEvent: spread(list, (w) => (w.redisCommands.xread ? w.redisCommands.xread.usecPerEvent : null)),
    redisEntriesPerXread: spread(list, (w) => w.redisEntriesPerXread),
    redisNetOutBytesPerEvent: spread(list, (w) => w.redisNetOutBytesPerEvent),
    publishingNodeUsPerEvent: spread(list, (w) => w.nodes[0].cpuUsPerEvent),
    publishingNodeUsPerEventNetOfIdle: spread(list, (w) => w.nodes[0].cpuUsPerEventNetOfIdle),
    readingNodeUsPerEvent: spread(list, (w) => meanOver(reading(w).map((n) => n.cpuUsPerEvent))),
    readingNodeUsPerEventNetOfIdle: spread(list, (w) => meanOver(reading(w).map((n) => n.cpuUsPerEventNetOfIdle))),
    nodeCpuPercentTotal: spread(list, (w) => w.nodes.reduce((sum, n) => sum + n.cpuPercent, 0)),
    lagEventsMax: spread(list, (w) => Math.max(...w.nodes.map((n) => n.lagEventsMax ?? 0))),
    lagSecondsMax: spread(list, (w) => Math.max(...w.nodes.map((n) => n.lagSecondsMax ?? 0))),
    xaddClientMs: spread(list, (w) => w.nodes[0].xaddMeanMs),
    latencyP50Ms: spread(list, (w) => w.latencyMs.p50),
    latencyP99Ms: spread(list, (w) => w.latencyMs.p99),
    machineBusyPercent: spread(list, (w) => w.machineBusyPercent),
    generatorCpuPercent: spread(list, (w) => w.generatorCpuPercent),
    load1: spread(list, (w) => w.loadavgAfter[0]),
  });
  return {
    nodes: result.nodes,
    idleRedisCpuPercent: result.idle.redisCpuPercent,
    idleRedisCommandsPerS: round(Object.values(result.idle.redisCommands).reduce((sum, c) => sum + c.callsPerS, 0)),
    idleNodeCpuPercent: result.idle.nodes.map((n) => n.cpuPercent),
    fixed: part(result.fixed),
    saturation: result.saturation.length ? part(result.saturation) : null,
    loadavgFirst: result.idle.loadavgBefore,
    loadavgLast: (result.saturation.length ? result.saturation : result.fixed).slice(-1)[0].loadavgAfter,
    lost: result.lost,
    lostAfterFixedRate: result.lostAfterFixedRate,
    refused: result.refused,
    closedByServer: result.closedByServer,
  };
}

function summarizeSimulated(point) {
  const w = point.windows;
  return {
    readers: point.readers,
    rate: point.rate,
    concurrency: point.concurrency,
    addedPerS: spread(w, (x) => x.publishedPerS),
    readPerSSlowestReader: spread(w, (x) => x.readPerSSlowestReader),
    redisCpuPercent: spread(w, (x) => x.redisCpuPercent),
    redisUsPerEvent: spread(w, (x) => x.redisUsPerEvent),
    redisUsPerEventNetOfIdle: spread(w, (x) => x.redisUsPerEventNetOfIdle),
    redisEntriesPerXread: spread(w, (x) => x.redisEntriesPerXread),
    redisNetOutBytesPerEvent: spread(w, (x) => x.redisNetOutBytesPerEvent),
    readerLagMax: spread(w, (x) => x.readerLagMax),
    generatorCpuPercent: spread(w, (x) => x.generatorCpuPercent),
    machineBusyPercent: spread(w, (x) => x.machineBusyPercent),
    load1: spread(w, (x) => x.loadavgAfter[0]),
  };
}

/** Least squares of y = a + b * x. */
function linearFit(points) {
  if (points.length < 2) return null;
  const mx = meanOver(points.map((p) => p[0]));
  const my = meanOver(points.map((p) => p[1]));
  const sxx = points.reduce((sum, p) => sum + (p[0] - mx) ** 2, 0);
  const b = sxx > 0 ? points.reduce((sum, p) => sum + (p[0] - mx) * (p[1] - my), 0) / sxx : 0;
  return { a: my - b * mx, b };
}

function report(resultsPath, jsonPath, mdPath, meta) {
  const runs = fs.readFileSync(resultsPath, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const clusters = runs.filter((r) => r.type === "cluster");
  const simulated = runs.find((r) => r.type === "simulated") || null;
  const summaries = clusters.map(summarize);
  const simulatedSummaries = simulated ? simulated.points.map(summarizeSimulated) : [];
  const fit = (points) => {
    const f = linearFit(points.filter((p) => p[1] !== null));
    return f && { usPerEvent: round(f.a, 1), usPerEventPerReader: round(f.b, 1) };
  };
  const nodesFit = fit(summaries.map((x) => [x.nodes, x.fixed.redisUsPerEventNetOfIdle.median]));
  const simulatedFit = fit(simulatedSummaries.filter((x) => x.rate).map((x) => [x.readers, x.redisUsPerEventNetOfIdle.median]));
  const capacity = [1, 2, 3, 5, 10, 20, 30, 50].map((readers) => {
    const row = { readers };
    for (const [name, f] of [["nodes", nodesFit], ["simulated", simulatedFit]]) {
      if (!f) continue;
      const us = f.usPerEvent + f.usPerEventPerReader * readers;
      row[name] = { usPerEvent: round(us), eventsPerSAt60Percent: Math.round(0.6e6 / us), eventsPerSAtOneCore: Math.round(1e6 / us) };
    }
    const batched = simulatedSummaries.find((x) => x.concurrency && x.readers === readers);
    if (batched) {
      const us = batched.redisUsPerEventNetOfIdle.median;
      row.batched = { usPerEvent: round(us), entriesPerXread: batched.redisEntriesPerXread.median, eventsPerSAt60Percent: Math.round(0.6e6 / us),
        eventsPerSAtOneCore: Math.round(1e6 / us) };
    }
    return row;
  });
  const out = { meta, summaries, simulatedSummaries, redisFit: { nodes: nodesFit, simulated: simulatedFit }, capacity, runs };
  fs.writeFileSync(jsonPath, JSON.stringify(out, null, 2) + "\n");
  fs.writeFileSync(mdPath, markdown(out));
}

function fmt(s, digits = 1) {
  if (!s || s.median === null) return "-";
  const f = (x) => Number(x).toFixed(digits);
  return f(s.min) === f(s.max) ? f(s.median) : f(s.median) + " (" + f(s.min) + "-" + f(s.max) + ")";
}

function table(header, rows) {
  return ["| " + header.join(" | ") + " |", "|" + header.map(() => "---").join("|") + "|", ...rows.map((r) => "| " + r.join(" | ") + " |")];
}

function markdown(out) {
  const m = out.meta;
  const s = out.summaries;
  const first = out.runs.find((r) => r.type === "cluster");
  const lines = [];
  lines.push("# The cost of the one Redis stream", "");
  lines.push("`benchmarks/stream-cost.sh`, run " + m.date + " on " + m.machine + "; commit `" + m.commit + "`; " + m.java + ", Node.js "
    + process.version + ", " + m.redis + ". Absolute figures vary between machines and, on a shared machine, from minute to minute "
    + "(the load average is given with every row): compare the rows with each other.", "");
  lines.push("Each node holds " + first.socketsPerNode + " WebSocket clients in " + first.rooms + " chat rooms, so every event has "
    + first.recipientsPerEventPerNode + " recipients on every node; every `chat:message` is published over node 1's HTTP API, so nodes 2 and 3 "
    + "only read the stream and deliver. Node 2 joins the running node 1, node 3 the two. Each figure is the median of "
    + first.fixed.length + " back-to-back windows (" + m.windowS + " s at the fixed rate, " + m.satWindowS + " s in the closed loop), "
    + "min-max in brackets. \"Less idle\" takes off what the same processes used in " + m.idleS + " s with the clients connected and "
    + "nothing published (Redis: probes, plugin-set polls, node figures, blocking reads timing out; nodes: the same and the "
    + "/metrics scrapes of this benchmark, once a second).", "");

  lines.push("## Fixed offered rate: " + first.offeredPerS + " events/s", "");
  lines.push(...table(["nodes", "published/s", "read and delivered per node, events/s", "Redis CPU, % of one core", "Redis µs per event",
    "the same, less idle", "publishing node µs per event", "reading-only node µs per event", "the same, less idle", "stream lag max, events",
    "stream lag max, s", "load average (1 min)"],
  s.map((x) => {
    const f = x.fixed;
    return [x.nodes, fmt(f.publishedPerS, 0), fmt(f.eventsPerSPerNode, 0), fmt(f.redisCpuPercent), fmt(f.redisUsPerEvent, 0), fmt(f.redisUsPerEventNetOfIdle, 0),
      fmt(f.publishingNodeUsPerEvent, 0), x.nodes > 1 ? fmt(f.readingNodeUsPerEvent, 0) : "-", x.nodes > 1 ? fmt(f.readingNodeUsPerEventNetOfIdle, 0) : "-",
      fmt(f.lagEventsMax, 0), fmt(f.lagSecondsMax, 3), fmt(f.load1, 2)];
  })));
  lines.push("");
  lines.push("Redis in detail (server-side command times from `INFO commandstats`; the XADD latency as node 1's Lettuce sees it, "
    + "`lettuce_command_completion_seconds`):", "");
  lines.push(...table(["nodes", "XADD µs per call", "XREAD µs per event", "entries per XREAD", "Redis bytes out per event", "XADD round trip at node 1, ms",
    "publish-to-receive p50 / p99, ms", "machine busy %", "this generator's CPU %"],
  s.map((x) => {
    const f = x.fixed;
    return [x.nodes, fmt(f.xaddUsPerCall), fmt(f.xreadUsPerEvent), fmt(f.redisEntriesPerXread, 2), fmt(f.redisNetOutBytesPerEvent, 0), fmt(f.xaddClientMs, 3),
      fmt(f.latencyP50Ms, 2) + " / " + fmt(f.latencyP99Ms, 1), fmt(f.machineBusyPercent, 0), fmt(f.generatorCpuPercent, 0)];
  })));
  lines.push("", "Idle (clients connected, nothing published): Redis "
    + s.map((x) => x.idleRedisCpuPercent + "% of a core with " + x.nodes + " node(s) (" + x.idleRedisCommandsPerS + " commands/s)").join(", ")
    + "; nodes " + s.map((x) => JSON.stringify(x.idleNodeCpuPercent)).join(", ") + " % of a core.", "");

  if (s.some((x) => x.saturation)) {
    lines.push("## Closed loop: " + first.satConcurrency + " HTTP callers publishing to node 1 as fast as answered", "");
    lines.push("The most this machine carried with every process (Redis, the nodes, this generator, and whatever else ran) on its "
      + "cores: a limit of the machine, not of Redis (see Redis's CPU).", "");
    lines.push(...table(["nodes", "published/s", "read and delivered per node, events/s (slowest node)", "Redis CPU %", "Redis µs per event", "entries per XREAD",
      "publishing node µs per event", "reading-only node µs per event", "nodes' CPU %, together", "generator CPU %", "stream lag max, events / s", "p99 ms",
      "machine busy %", "load average"],
    s.filter((x) => x.saturation).map((x) => {
      const f = x.saturation;
      return [x.nodes, fmt(f.publishedPerS, 0), fmt(f.eventsPerSPerNode, 0) + " (" + fmt(f.eventsPerSSlowestNode, 0) + ")", fmt(f.redisCpuPercent), fmt(f.redisUsPerEvent),
        fmt(f.redisEntriesPerXread, 2), fmt(f.publishingNodeUsPerEvent, 0), x.nodes > 1 ? fmt(f.readingNodeUsPerEvent, 0) : "-", fmt(f.nodeCpuPercentTotal, 0),
        fmt(f.generatorCpuPercent, 0), fmt(f.lagEventsMax, 0) + " / " + fmt(f.lagSecondsMax, 3), fmt(f.latencyP99Ms, 1), fmt(f.machineBusyPercent, 0), fmt(f.load1, 2)];
    })));
    lines.push("");
  }

  const sim = out.simulatedSummaries;
  if (sim.length) {
    const simRun = out.runs.find((r) => r.type === "simulated");
    lines.push("## Redis with simulated readers", "");
    lines.push("The nodes stopped, one process sends Redis what nodes send it, without the nodes: XADD with the exact `MINID` trim, "
      + "the payload of a real entry (" + simRun.payloadBytes + " bytes), pipelined on one connection; and N connections each looping "
      + "`XREAD COUNT 512 BLOCK 1000` from the last id it read, as every node's reader does. Windows of " + m.simWindowS + " s. "
      + "In the closed loop the simulator's own CPU (one Node.js thread parsing every reader's replies) is the limit, not Redis.", "");
    lines.push(...table(["readers", "offered", "XADD/s", "read/s, slowest reader", "Redis CPU %", "Redis µs per event (less idle)", "entries per XREAD",
      "Redis bytes out per event", "unread at window end, max", "simulator CPU %", "load average"],
    sim.map((x) => [x.readers, x.rate ? x.rate + "/s" : x.concurrency + " in flight", fmt(x.addedPerS, 0), fmt(x.readPerSSlowestReader, 0), fmt(x.redisCpuPercent),
      fmt(x.redisUsPerEvent, 0) + " (" + fmt(x.redisUsPerEventNetOfIdle, 0) + ")", fmt(x.redisEntriesPerXread, 2), fmt(x.redisNetOutBytesPerEvent, 0),
      fmt(x.readerLagMax, 0), fmt(x.generatorCpuPercent, 0), fmt(x.load1, 2)])));
    lines.push("");
  }

  const fitNodes = out.redisFit.nodes;
  const fitSim = out.redisFit.simulated;
  if (fitNodes || fitSim) {
    lines.push("## Where one Redis core fills up", "");
    if (fitNodes) {
      lines.push("Least squares over the fixed-rate rows, less idle: real nodes **" + fitNodes.usPerEvent + " µs per event + " + fitNodes.usPerEventPerReader
        + " µs per event per node**" + (fitSim ? "; simulated readers " + fitSim.usPerEvent + " + " + fitSim.usPerEventPerReader + " µs per reader" : "")
        + ". At " + first.offeredPerS + " events/s a reader is never behind, so every event wakes every reader for an XREAD of about one entry: "
        + "that is the most an event costs Redis. When Redis or a reader is busier, an XREAD brings back more entries and the cost per "
        + "event falls towards the batched figure (simulated closed loop).", "");
    }
    lines.push(...table(["nodes (readers)", "Redis µs per event, one XREAD per event (nodes' fit / simulated fit)", "events/s at 60% of one core (nodes' / simulated)",
      "batched (closed loop): µs per event, entries per XREAD", "batched: events/s at 60% of one core"],
    out.capacity.map((r) => [r.readers,
      (r.nodes ? r.nodes.usPerEvent : "-") + " / " + (r.simulated ? r.simulated.usPerEvent : "-"),
      (r.nodes ? r.nodes.eventsPerSAt60Percent : "-") + " / " + (r.simulated ? r.simulated.eventsPerSAt60Percent : "-"),
      r.batched ? r.batched.usPerEvent + ", " + r.batched.entriesPerXread : "-",
      r.batched ? r.batched.eventsPerSAt60Percent : "-"])));
    lines.push("");
  }

  lines.push("## Checks", "");
  for (const x of s) {
    lines.push("- " + x.nodes + " node(s): deliveries lost " + JSON.stringify(x.lost) + " per node (" + JSON.stringify(x.lostAfterFixedRate)
      + " after the fixed rate), publishes refused " + x.refused + ", clients closed by a node " + x.closedByServer + ".");
  }
  lines.push("", "Every window, with each node's figures and Redis's calls and µs per command, is in `stream-cost.json`.", "");
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------------ main

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "measure") {
    const result = await measure(JSON.parse(args[0]));
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  } else if (mode === "simulate") {
    const result = await simulate(JSON.parse(args[0]));
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  } else if (mode === "report") {
    report(args[0], args[1], args[2], JSON.parse(args[3]));
  } else {
    throw new Error("usage: stream-cost.js measure '<spec>' | report <results.jsonl> <out.json> <out.md> '<meta>'");
  }
}

main().catch((error) => {
  log(String((error && error.stack) || error));
  process.exit(1);
});
