// A fleet of official socket.io-client sockets in one Node process, for the tests that need many clients
// (RollingRestartE2ETest): it keeps per-client counts and lists itself and answers with a summary, where
// client-driver.mjs reports every event to Java one line at a time.
//
// Commands, one JSON object per line on stdin:
//   {"op":"connect","url":U,"clients":[{"id","token","transports":[..],"room"}],"event":E,"join":J}
//       connects every client with connection state recovery on (the stock client sends pid and offset when it
//       reconnects), then emits J {roomId: room} with an ack; answers {"type":"ready","count":N,"failed":[..]},
//       each failure "id: what went wrong"
//   {"op":"report"}  answers {"type":"report","clients":[{id, firstId, id_now, connected, recovered,
//       reconnects, disconnects, reasons, longestGapMs, received:[data.id...], history:["<ms> what"...]}]}
//   {"op":"close"}   disconnects every client and exits
import { io } from "socket.io-client";
import readline from "node:readline";

const clients = new Map();

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function connectOne(url, spec, event, join) {
  return new Promise((resolve) => {
    const state = {
      id: spec.id, room: spec.room, firstId: null, received: [], reconnects: 0, disconnects: 0, reasons: {},
      disconnectedAt: null, longestGapMs: 0, recoveredAll: true, joined: false,
      // What happened to this client, for the post-mortem of a failed check: connections and every event.
      history: [], startedAt: Date.now(),
    };
    const note = (what) => state.history.push((Date.now() - state.startedAt) + "ms " + what);
    const socket = io(url, {
      auth: { token: spec.token },
      transports: spec.transports,
      // Node.js keeps the load balancer's stickiness cookie only with this on.
      withCredentials: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
      randomizationFactor: 0.5,
      timeout: 5000,
    });
    state.socket = socket;
    // Below the socket: reconnection attempts, engines, and any packet that arrives while not connected.
    socket.io.on("reconnect_attempt", (n) => note("attempt " + n));
    socket.io.on("open", () => note("engine " + socket.io.engine.id + " open over " + socket.io.engine.transport.name));
    socket.io.on("close", (reason) => note("engine close: " + reason));
    socket.io.on("error", (err) => note("engine error: " + err.message));
    socket.io.on("packet", (packet) => {
      if (!socket.connected || packet.type === 0) {
        note("packet " + packet.type + " " + JSON.stringify(packet.data ?? null).slice(0, 80) + " on engine " + socket.io.engine.id);
      }
    });
    clients.set(spec.id, state);
    socket.on(event, (data, offset) => {
      state.received.push(data && data.id);
      note((data && data.id) + "@" + offset);
    });
    socket.on("disconnect", (reason) => {
      state.disconnects++;
      state.reasons[reason] = (state.reasons[reason] || 0) + 1;
      state.disconnectedAt = Date.now();
      note("disconnect " + reason);
    });
    socket.on("connect", () => {
      note("connect " + socket.id + " over " + socket.io.engine.transport.name + (socket.recovered ? " recovered" : ""));
      if (state.firstId === null) {
        state.firstId = socket.id;
        // Joining is idempotent: an answer slow to come on a loaded machine is asked for again.
        const askToJoin = (attemptsLeft) => socket.timeout(10000).emit(join, { roomId: spec.room }, (err, ack) => {
          if (err && attemptsLeft > 1) {
            askToJoin(attemptsLeft - 1);
            return;
          }
          state.joined = !err && ack && ack.ok === true;
          state.problem = state.joined ? null : (err ? String(err) : JSON.stringify(ack));
          resolve(state);
        });
        askToJoin(3);
        return;
      }
      state.reconnects++;
      if (!socket.recovered) {
        state.recoveredAll = false;
      }
      if (state.disconnectedAt !== null) {
        state.longestGapMs = Math.max(state.longestGapMs, Date.now() - state.disconnectedAt);
        state.disconnectedAt = null;
      }
    });
    socket.on("connect_error", (err) => {
      state.problem = "connect_error: " + err.message;
      if (state.firstId === null) {
        // The first connection keeps retrying on its own; only a refusal by the server is final.
        if (!socket.active) {
          resolve(state);
        }
      }
    });
  });
}

async function connectAll(cmd) {
  const batch = 50;
  const states = [];
  for (let i = 0; i < cmd.clients.length; i += batch) {
    const slice = cmd.clients.slice(i, i + batch);
    states.push(...await Promise.all(slice.map((c) => connectOne(cmd.url, c, cmd.event, cmd.join))));
  }
  send({ type: "ready", count: states.length, failed: states.filter((s) => !s.joined).map((s) => s.id + ": " + s.problem) });
}

function report() {
  const out = [];
  for (const s of clients.values()) {
    out.push({
      id: s.id, room: s.room, firstId: s.firstId, socketId: s.socket.id ?? null, connected: s.socket.connected,
      recoveredAll: s.recoveredAll, reconnects: s.reconnects, disconnects: s.disconnects, reasons: s.reasons,
      longestGapMs: s.longestGapMs, received: s.received, history: s.history,
    });
  }
  send({ type: "report", clients: out });
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const cmd = JSON.parse(line);
  if (cmd.op === "connect") {
    connectAll(cmd).catch((e) => send({ type: "error", message: String(e) }));
  } else if (cmd.op === "report") {
    report();
  } else if (cmd.op === "close") {
    for (const s of clients.values()) {
      s.socket.disconnect();
    }
    setTimeout(() => process.exit(0), 100);
  }
});
lines.on("close", () => process.exit(0));
