#!/usr/bin/env node
// A second, independent load generator (issue #12): raw Engine.IO 4 / Socket.IO 5 frames over `ws`, as a
// browser's WebSocket would carry them, against any server of the benchmark contract (MedSync, bare
// netty-socketio, node socket.io). It mirrors the Java generator in
// benchmarks/src/main/java/com/medsync/realtime/bench/load/: the same tokens (Tokens.pharmacyStaff), the same
// order:new envelope (OrderEvents.envelope) and the same assignment (Audience: socket i in room i % rooms,
// publish seq to room seq % rooms), so every server accepts the events and expected deliveries are exact.
//
//   node loadgen.js '<spec JSON>'      (see README.md; stdout carries only JSON lines, logs go to stderr)
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const { execFileSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const WebSocket = require("ws");

// ---------------------------------------------------------------------------------------------- output

function emit(object) {
  process.stdout.write(JSON.stringify(object) + "\n"); // synchronous for pipes and files on Linux
}

function log(message) {
  process.stderr.write("[loadgen " + process.pid + "] " + message + "\n");
}

function fatal(error) {
  emit({ type: "error", message: String((error && error.stack) || error) });
  process.exit(1);
}

process.on("uncaughtException", fatal);
process.stdout.on("error", () => process.exit(1)); // the reader is gone: nobody to tell
process.on("unhandledRejection", fatal);

// ------------------------------------------------------------------------------------------------ spec

let spec;
try {
  spec = JSON.parse(process.argv[2]);
} catch (error) {
  fatal("the one argument must be the spec JSON: " + error.message);
}
const host = spec.host || "127.0.0.1";
const namespace = spec.namespace || "/patient-pharmacy";
const path = spec.path || "/socket.io/";
const sockets = int(spec.sockets, "sockets");
const rooms = int(spec.rooms, "rooms");
const firstSocket = spec.firstSocket === undefined ? 0 : int(spec.firstSocket, "firstSocket");
const localAddresses = spec.localAddresses && spec.localAddresses.length ? spec.localAddresses : ["127.0.0.1"];
const connectConcurrency = spec.connectConcurrency || 500;
const connectTimeoutMs = spec.connectTimeoutMs || 60000;
const phases = spec.phases || [];
if (rooms < 1 || sockets < 1) fatal("sockets and rooms must be at least 1");
int(spec.socketPort, "socketPort");
if (!spec.hold) {
  int(spec.httpPort, "httpPort");
  for (const p of phases) {
    if (!(p.rate > 0) === !(p.concurrency > 0)) fatal("phase " + p.name + ": give either rate or concurrency");
    if (!(p.events >= 0)) fatal("phase " + p.name + ": events is required");
  }
}

function int(value, name) {
  if (!Number.isInteger(value)) fatal("spec." + name + " must be an integer, got " + JSON.stringify(value));
  return value;
}

// ------------------------------------------------------------------------------------------------ time

// Send stamps are process.hrtime.bigint() nanoseconds (exact integers in the order id). The receive side
// reads the same monotonic clock through performance.now(), about half the cost of allocating a BigInt
// per frame; the offset between the two origins is taken once.
const HR_ORIGIN_NS = Number(process.hrtime.bigint()) - performance.now() * 1e6;
function nowNs() {
  return HR_ORIGIN_NS + performance.now() * 1e6;
}

// ----------------------------------------------------------------------------------------- server CPU

const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** @return utime + stime of spec.serverPid in milliseconds, or null when there is no such process */
function serverCpuMs() {
  if (!spec.serverPid) return null;
  try {
    const stat = fs.readFileSync("/proc/" + spec.serverPid + "/stat", "latin1");
    // Field 2 (comm) is in parentheses and may hold spaces or ')': split after the LAST ')'. What follows
    // starts at field 3 (state), so fields 14 and 15 are at indexes 11 and 12.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch (error) {
    log("cannot read the server's CPU time: " + error.message);
    return null;
  }
}

// ------------------------------------------------------------------------------------------ latency

// A log-linear histogram of microseconds in a fixed typed array, so recording costs a few integer ops:
// exact below 1024 us, then 512 sub-buckets per power of two (error under 0.2 %) up to 2^32 us.
class Histogram {
  constructor() {
    this.counts = new Uint32Array(1024 + 22 * 512);
    this.total = 0;
    this.max = 0;
  }

  record(us) {
    us = us > 0 ? (us < 4294967295 ? Math.floor(us) : 4294967295) : 0;
    if (us > this.max) this.max = us;
    this.total++;
    if (us < 1024) {
      this.counts[us]++;
    } else {
      const exponent = 31 - Math.clz32(us); // 10..31
      this.counts[1024 + (exponent - 10) * 512 + ((us >>> (exponent - 9)) & 511)]++;
    }
  }

  /** @return the highest value equivalent to bucket `index` (as HdrHistogram reports percentiles) */
  static valueOf(index) {
    if (index < 1024) return index;
    const octave = (index - 1024) >> 9;
    const width = 2 ** (octave + 1);
    return (512 + ((index - 1024) & 511)) * width + width - 1;
  }

  percentile(q) {
    const target = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= target) return Math.min(Histogram.valueOf(i), this.max);
    }
    return this.max;
  }

  summaryMs() {
    if (this.total === 0) return { p50: null, p90: null, p99: null, p999: null, max: null };
    const ms = (us) => Math.round(us) / 1000;
    return {
      p50: ms(this.percentile(0.5)),
      p90: ms(this.percentile(0.9)),
      p99: ms(this.percentile(0.99)),
      p999: ms(this.percentile(0.999)),
      max: ms(this.max),
    };
  }
}

// ------------------------------------------------------------------------------------------- tokens

// Tokens.pharmacyStaff: HS256 over the secret's UTF-8 bytes, claims sub, role, pharmacyId, iat, exp (+2 h),
// with the header jjwt writes.
const JWT_HEADER = Buffer.from('{"alg":"HS256"}').toString("base64url");
function pharmacyStaffToken(subject, pharmacyId) {
  const iat = Math.floor(Date.now() / 1000);
  const claims = { sub: subject, role: "pharmacy", pharmacyId, iat, exp: iat + 2 * 3600 };
  const signingInput = JWT_HEADER + "." + Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = crypto.createHmac("sha256", Buffer.from(String(spec.jwtSecret), "utf8")).update(signingInput).digest("base64url");
  return signingInput + "." + signature;
}

// ------------------------------------------------------------------------------------- the audience

// Local socket l is socket firstSocket + l of the audience; its room is (firstSocket + l) % rooms.
const roomOf = new Uint32Array(sockets);
for (let l = 0; l < sockets; l++) roomOf[l] = (firstSocket + l) % rooms;
// Connected local sockets per room: the recipients of a publish. A socket the server closes later stays
// counted, so what it misses shows as lost (next to closedByServer); one that never connected does not.
const roomCount = new Uint32Array(rooms);

// Exact loss and duplicate counting: one bit per (socket, seq of its room). Socket l only ever gets the
// seqs with seq % rooms == roomOf[l], so its bit for seq is floor(seq / rooms): the bit set is as large as
// the expected deliveries of the whole run, not sockets x publishes.
const totalEvents = spec.hold ? 0 : phases.reduce((sum, p) => sum + p.events, 0);
const bitsPerSocket = Math.ceil(totalEvents / rooms);
const seenBytes = Math.ceil((sockets * bitsPerSocket) / 8);
if (seenBytes > 2 ** 28) fatal("too many deliveries to track exactly (" + sockets * bitsPerSocket + "); use fewer events per run");
const seen = new Uint8Array(seenBytes);

// ---------------------------------------------------------------------------------------- receiving

const NS_PREFIX = namespace === "/" ? "" : namespace + ",";
const EVENT_PREFIX = Buffer.from("42" + NS_PREFIX + '["order:new",');
const CONNECTED_PREFIX = Buffer.from("40" + NS_PREFIX);
const ERROR_PREFIX = Buffer.from("44" + NS_PREFIX);
const MARKER = Buffer.from('"id":"o_'); // OrderEvents.MARKER

let phase = null; // the phase whose window is open, if any
let misrouted = 0; // order frames for a seq this run never sent to the socket's room (should stay 0)

/** A frame that starts with EVENT_PREFIX: read o_<seq>_<nanos> from its bytes, as OrderEvents.read does. */
function onOrder(local, data) {
  let i = data.indexOf(MARKER, EVENT_PREFIX.length);
  if (i < 0) return;
  i += MARKER.length;
  let seq = 0;
  let b;
  while ((b = data[i++]) >= 48 && b <= 57) seq = seq * 10 + (b - 48);
  if (b !== 95 /* _ */) return;
  let sentNs = 0;
  while ((b = data[i++]) >= 48 && b <= 57) sentNs = sentNs * 10 + (b - 48);
  const now = nowNs();

  if (seq >= totalEvents || seq % rooms !== roomOf[local]) {
    misrouted++;
    return;
  }
  const bit = local * bitsPerSocket + Math.floor(seq / rooms);
  const mask = 1 << (bit & 7);
  const ph = phase;
  if (seen[bit >>> 3] & mask) {
    if (ph) ph.duplicates++;
    return;
  }
  seen[bit >>> 3] |= mask;
  if (ph === null) return; // between two phases: a straggler of the previous one, counted nowhere
  if (seq < ph.firstSeq) {
    ph.late++; // an earlier phase's publish that arrived after that phase's drain
    return;
  }
  ph.delivered++;
  ph.lastDeliveryNs = now;
  ph.latency.record((now - sentNs) / 1000);
  if (ph.delivered >= ph.target) ph.finish();
}

// --------------------------------------------------------------------------------------- connecting

const url = "ws://" + host + ":" + spec.socketPort + path + "?EIO=4&transport=websocket";
const wsOptions = {
  perMessageDeflate: false, // as the servers default it off
  skipUTF8Validation: true, // the receiver reads bytes, never decodes the frames
  handshakeTimeout: connectTimeoutMs,
  maxPayload: 1 << 20,
};

const socketList = new Array(sockets); // { ws, raw (net.Socket), state }
let connectedCount = 0;
let failedCount = 0;
let firstFailure = null;
let closedByServer = 0;
let closingAll = false;

const CONNECTING = 0;
const OPEN = 1;
const DEAD = 2;

/** Opens local socket `local` with its token; calls settle(error|null) once. */
function openSocket(local, token, settle) {
  const connectFrame = "40" + NS_PREFIX + '{"token":"' + token + '"}';
  const ws = new WebSocket(url, { ...wsOptions, localAddress: localAddresses[(firstSocket + local) % localAddresses.length] });
  const entry = { ws, raw: null, state: CONNECTING };
  socketList[local] = entry;

  const timer = setTimeout(() => fail("no namespace CONNECT within " + connectTimeoutMs + " ms"), connectTimeoutMs);
  function fail(message) {
    if (entry.state !== CONNECTING) return;
    entry.state = DEAD;
    clearTimeout(timer);
    ws.terminate();
    settle(message);
  }

  ws.on("upgrade", (response) => {
    entry.raw = response.socket; // kept to close with a reset at the end (no TIME_WAIT left behind)
  });
  ws.on("error", (error) => fail(error.message));
  ws.on("close", (code) => {
    if (entry.state === OPEN && !closingAll) closedByServer++;
    fail("closed before the namespace connected (code " + code + ")");
    entry.state = DEAD;
  });
  ws.on("message", (data) => {
    const type = data[0];
    if (type === 52 /* 4 */) {
      if (data[1] === 50 /* 2 */) {
        if (data.length > EVENT_PREFIX.length && EVENT_PREFIX.compare(data, 0, EVENT_PREFIX.length) === 0) onOrder(local, data);
      } else if (entry.state === CONNECTING && startsWith(data, CONNECTED_PREFIX)) {
        entry.state = OPEN;
        clearTimeout(timer);
        roomCount[roomOf[local]]++;
        settle(null);
      } else if (startsWith(data, ERROR_PREFIX)) {
        fail("connect_error: " + data.toString("utf8"));
      }
    } else if (type === 50 /* 2: Engine.IO ping, the server's heartbeat */) {
      ws.send("3");
    } else if (type === 48 /* 0: Engine.IO open */) {
      ws.send(connectFrame);
    } else if (type === 49 /* 1: Engine.IO close */) {
      ws.close();
    }
  });
}

function startsWith(data, prefix) {
  return data.length >= prefix.length && prefix.compare(data, 0, prefix.length) === 0;
}

function connectAll() {
  // Tokens are signed before the clock starts: the connect time measures the server, not our signing.
  const tokens = new Array(sockets);
  for (let l = 0; l < sockets; l++) tokens[l] = pharmacyStaffToken("staff_" + (firstSocket + l), "ph_" + roomOf[l]);
  return new Promise((resolve) => {
    const start = nowNs();
    let next = 0;
    let inFlight = 0;
    let settled = 0;
    const progress = setInterval(() => log("connecting: " + connectedCount + " connected, " + failedCount + " failed of " + sockets), 2000);
    const launch = () => {
      while (inFlight < connectConcurrency && next < sockets) {
        const local = next++;
        inFlight++;
        openSocket(local, tokens[local], (failure) => {
          inFlight--;
          settled++;
          if (failure === null) {
            connectedCount++;
          } else {
            failedCount++;
            if (firstFailure === null) firstFailure = failure;
          }
          if (settled === sockets) {
            clearInterval(progress);
            resolve(Math.round((nowNs() - start) / 1e6));
          } else {
            launch();
          }
        });
      }
    };
    launch();
  });
}

// ---------------------------------------------------------------------------------------- publishing

const maxPublishConnections = Math.max(32, ...phases.map((p) => p.concurrency || 0));
const agent = new http.Agent({ keepAlive: true, maxSockets: maxPublishConnections });
const AUTHORIZATION = "Bearer " + spec.apiKey;
const RATE_IN_FLIGHT = 32; // open loop: at most this many publishes unanswered, as a client pool of 32
let nextSeq = 0; // continues across phases, so publish seq always goes to room seq % rooms

/** OrderEvents.envelope, field for field: MedSync validates order:new strictly. */
function envelope(seq, sentNanos, pharmacyId) {
  return '{"event":"order:new","data":{"id":"o_' + seq + "_" + sentNanos + '",'
    + '"drugName":"Paracetamol 500mg","quantity":2,"status":"PENDING",'
    + '"patient":{"id":"pt_' + seq + '","phone":"+2348000000000"},'
    + '"pharmacy":{"id":"' + pharmacyId + '","name":"MedSync Pharmacy"},'
    + '"createdAt":"2024-12-20T10:30:00Z"}}';
}

/** Publishes the next seq for phase `ph`; calls answered() once the server answered (or the request failed). */
function publish(ph, answered) {
  const seq = nextSeq++;
  const body = envelope(seq, process.hrtime.bigint(), "ph_" + (seq % rooms)); // stamped right before writing
  let done = false;
  const finish = (status, text) => {
    if (done) return;
    done = true;
    if (status >= 200 && status < 300) {
      ph.accepted++;
      ph.expected += roomCount[seq % rooms];
    } else {
      ph.refused++;
      if (ph.firstRefusal === null) ph.firstRefusal = status + " " + text;
    }
    answered();
  };
  const request = http.request({
    agent, host, port: spec.httpPort, method: "POST", path: "/api/v1/events",
    headers: { Authorization: AUTHORIZATION, "Content-Type": "application/json", "Content-Length": body.length },
  }, (response) => {
    const status = response.statusCode;
    // The body must be consumed for the connection to return to the pool; only a refusal's is kept.
    let text = "";
    if ((status >= 200 && status < 300) || ph.firstRefusal !== null) response.resume();
    else response.setEncoding("utf8").on("data", (chunk) => { text += chunk; });
    response.on("end", () => finish(status, text));
    response.on("error", (error) => finish(status, "response failed: " + error.message));
  });
  request.on("error", (error) => finish(0, "request failed: " + error.message));
  request.end(body);
}

/** Open loop: `rate` publishes/s on an hrtime schedule; catches up when late, but never more than 10 ms at once. */
function publishAtRate(ph, events, rate) {
  return new Promise((resolve) => {
    const start = nowNs();
    const intervalNs = 1e9 / rate;
    const burst = Math.max(1, Math.ceil(rate * 0.01));
    let issued = 0;
    let inFlight = 0;
    const answered = () => {
      inFlight--;
      if (issued === events && inFlight === 0) resolve();
    };
    const tick = () => {
      const due = Math.min(events, Math.floor((nowNs() - start) / intervalNs) + 1);
      let now = 0;
      while (issued < due && inFlight < RATE_IN_FLIGHT && now < burst) {
        issued++;
        inFlight++;
        now++;
        publish(ph, answered);
      }
      if (issued === events) return;
      if (issued < due && inFlight < RATE_IN_FLIGHT) {
        setImmediate(tick); // behind by more than a burst: go on at once
      } else {
        const waitMs = Math.floor((start + issued * intervalNs - nowNs()) / 1e6);
        setTimeout(tick, Math.max(1, waitMs));
      }
    };
    if (events === 0) resolve();
    else tick();
  });
}

/** Closed loop: `concurrency` callers, each publishing again as soon as its previous publish is answered. */
function publishClosedLoop(ph, events, concurrency) {
  return new Promise((resolve) => {
    let issued = 0;
    let callers = Math.min(concurrency, events);
    if (callers === 0) return resolve();
    const next = () => {
      if (issued < events) {
        issued++;
        publish(ph, next);
      } else if (--callers === 0) {
        resolve();
      }
    };
    for (let c = Math.min(concurrency, events); c > 0; c--) next();
  });
}

// -------------------------------------------------------------------------------------------- phases

async function runPhase(p) {
  const drainMs = p.drainMs === undefined ? 3000 : p.drainMs;
  const ph = {
    firstSeq: nextSeq, accepted: 0, refused: 0, firstRefusal: null, expected: 0,
    delivered: 0, duplicates: 0, late: 0, lastDeliveryNs: 0,
    target: Infinity, // the expected count, once every publish is answered
    latency: new Histogram(), finish: null,
  };
  const misroutedBefore = misrouted;
  const closedBefore = closedByServer;
  let ended;
  const allArrived = new Promise((resolve) => { ended = resolve; });
  ph.finish = () => {
    // Read the CPU counters right here, at the last delivery, before anything else runs; frames that ws
    // hands over later in the same read no longer count for this phase.
    ph.finish = () => {};
    phase = null;
    ended({ endNs: nowNs(), serverCpu: serverCpuMs(), generatorCpu: process.cpuUsage(generatorCpu0), complete: true });
  };

  log("phase " + p.name + ": " + p.events + " publishes " + (p.rate ? "at " + p.rate + "/s" : "from " + p.concurrency + " callers"));
  const serverCpu0 = serverCpuMs();
  const generatorCpu0 = process.cpuUsage();
  const startNs = nowNs();
  phase = ph;
  await (p.rate ? publishAtRate(ph, p.events, p.rate) : publishClosedLoop(ph, p.events, p.concurrency));
  const answeredNs = nowNs();
  ph.target = ph.expected;
  if (ph.delivered >= ph.target) ph.finish();
  const drain = setTimeout(() => {
    ph.finish = () => {};
    phase = null;
    ended({ endNs: nowNs(), serverCpu: serverCpuMs(), generatorCpu: process.cpuUsage(generatorCpu0), complete: false });
  }, drainMs);
  const end = await allArrived;
  clearTimeout(drain);
  phase = null;

  const windowEndNs = end.complete && ph.delivered > 0 ? ph.lastDeliveryNs : end.endNs;
  const serverCpu = serverCpu0 === null || end.serverCpu === null ? null : end.serverCpu - serverCpu0;
  const sent = ph.accepted + ph.refused;
  const result = {
    type: "phase",
    name: p.name,
    events: sent,
    accepted: ph.accepted,
    refused: ph.refused,
    firstRefusal: ph.firstRefusal,
    expected: ph.expected,
    delivered: ph.delivered,
    lost: ph.expected - ph.delivered,
    duplicates: ph.duplicates,
    late: ph.late,
    misrouted: misrouted - misroutedBefore,
    durationMs: round((windowEndNs - startNs) / 1e6),
    deliveredPerS: ph.delivered > 0 ? round(ph.delivered / ((ph.lastDeliveryNs - startNs) / 1e9)) : 0,
    publishesPerS: sent > 0 ? round(sent / ((answeredNs - startNs) / 1e9)) : 0,
    latencyMs: ph.latency.summaryMs(),
    serverCpuMs: serverCpu,
    cpuPerDeliveryUs: serverCpu !== null && ph.delivered > 0 ? round((serverCpu * 1000) / ph.delivered) : null,
    generatorCpuMs: round((end.generatorCpu.user + end.generatorCpu.system) / 1000),
    closedByServer: closedByServer - closedBefore,
  };
  emit(result);
  log("phase " + p.name + ": delivered " + result.delivered + "/" + result.expected + ", " + result.deliveredPerS + "/s, p99 "
    + result.latencyMs.p99 + " ms, server " + result.cpuPerDeliveryUs + " us/delivery");
}

function round(x) {
  return Math.round(x * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------- main

/** Closes every socket with a reset (SO_LINGER 0, as the Java fleet does): no TIME_WAIT ports left over. */
function closeAll() {
  closingAll = true;
  for (const entry of socketList) {
    if (!entry) continue;
    if (entry.raw && !entry.raw.destroyed) entry.raw.resetAndDestroy();
    else entry.ws.terminate();
  }
  agent.destroy();
}

function finish() {
  closeAll();
  emit({ type: "done" });
  process.exit(0);
}

function hold() {
  log("holding " + connectedCount + " sockets until stdin ends or SIGTERM");
  let over = false;
  const release = () => {
    if (over) return;
    over = true;
    let open = 0;
    for (const entry of socketList) if (entry && entry.state === OPEN) open++;
    emit({ type: "held", open, closedByServer });
    finish();
  };
  process.on("SIGTERM", release);
  process.on("SIGINT", release);
  process.stdin.on("end", release);
  process.stdin.on("error", release);
  process.stdin.resume();
}

async function main() {
  const millis = await connectAll();
  emit({ type: "connected", sockets: connectedCount, failed: failedCount, firstFailure, millis });
  log("connected " + connectedCount + " of " + sockets + " in " + millis + " ms" + (firstFailure ? "; first failure: " + firstFailure : ""));
  if (spec.hold) return hold();
  if (spec.pauseAfterConnectMs) await new Promise((resolve) => setTimeout(resolve, spec.pauseAfterConnectMs));
  for (const p of phases) await runPhase(p);
  finish();
}

main();
