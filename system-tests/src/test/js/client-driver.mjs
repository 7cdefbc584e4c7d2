// Drives the official socket.io-client on behalf of the Java end-to-end tests.
//
// Protocol: one JSON command per line on stdin, one JSON event per line on stdout.
// stdout carries nothing but those events (the Java side parses every line), so the
// driver's own diagnostics go to stderr.
//
// Commands:
//   {"op":"connect","client":"c1","url":"http://127.0.0.1:PORT/patient-pharmacy","opts":{...}}
//   {"op":"emit","client":"c1","event":"join","args":[...],"ackSeq":7,"timeoutMs":5000}
//   {"op":"close","client":"c1"}         socket.disconnect(), as an app logging out would
//   {"op":"open","client":"c1"}          socket.connect() again on a closed socket
//   {"op":"drop","client":"c1"}          closes the Engine.IO transport under the socket without a
//                                        Socket.IO DISCONNECT, as a network loss would, so the
//                                        manager's reconnection logic runs
//   {"op":"auth","client":"c1","auth":{...}} replaces socket.auth, sent with the next (re)connection
//   {"op":"ping","seq":1}                answered with {"type":"pong","seq":1}, to sync with the driver
//   {"op":"exit"}
//
// Events: connect, connect_error, disconnect, event (every server event via onAny), ack,
// ack-timeout, reconnect, reconnect_attempt, reconnect_error, reconnect_failed, upgrade,
// closed, pong, driver-error.

import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const DEFAULT_ACK_TIMEOUT_MS = 5000;
const sockets = new Map();

function out(event) {
  let line;
  try {
    line = JSON.stringify(event, jsonReplacer);
  } catch (e) {
    line = JSON.stringify({ type: "driver-error", client: event?.client, error: `unserialisable event: ${e}` });
  }
  process.stdout.write(line + "\n");
}

// Binary payloads and Errors would otherwise serialise as {} and hide what the server sent.
function jsonReplacer(_key, value) {
  if (value instanceof ArrayBuffer) {
    return { _binary: Buffer.from(value).toString("base64") };
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return { _binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  }
  if (value && typeof value === "object" && value.type === "Buffer" && Array.isArray(value.data)) {
    return { _binary: Buffer.from(value.data).toString("base64") };
  }
  if (value instanceof Error) {
    return { name: value.name, message: value.message };
  }
  return value === undefined ? null : value;
}

function driverError(client, error, command) {
  out({
    type: "driver-error",
    client: client ?? null,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    command: command ?? null,
  });
}

function describeError(err) {
  // Transport errors carry type/description/context; CONNECT_ERROR packets carry message/data.
  return {
    message: err?.message ?? null,
    data: err?.data ?? null,
    errorType: err?.type ?? null,
    description: err?.description === undefined ? null : String(err.description?.message ?? err.description),
  };
}

function requireSocket(command) {
  const socket = sockets.get(command.client);
  if (!socket) {
    throw new Error(`no client named '${command.client}'`);
  }
  return socket;
}

function connect(command) {
  const client = command.client;
  if (!client) {
    throw new Error("connect needs a 'client' name");
  }
  if (sockets.has(client)) {
    throw new Error(`client '${client}' already exists`);
  }
  // Each test client gets its own Engine.IO connection unless a test explicitly asks to multiplex.
  const opts = { forceNew: true, ...(command.opts ?? {}) };
  const socket = io(command.url, opts);
  sockets.set(client, socket);

  socket.on("connect", () => {
    out({
      client,
      type: "connect",
      id: socket.id,
      recovered: socket.recovered,
      // The private session id of connection state recovery (a private field of the client), so tests can
      // check what a client holding someone else's pid gets.
      pid: socket._pid ?? null,
      transport: socket.io.engine?.transport?.name ?? null,
      // The WebSocket extensions the server accepted ("" for none; null over polling).
      wsExtensions: socket.io.engine?.transport?.ws?.extensions ?? null,
    });
    const engine = socket.io.engine;
    if (engine && !engine.__medsyncUpgradeHooked) {
      engine.__medsyncUpgradeHooked = true;
      engine.on("upgrade", (transport) => out({ client, type: "upgrade", transport: transport?.name ?? null }));
    }
  });
  socket.on("connect_error", (err) => out({ client, type: "connect_error", ...describeError(err) }));
  socket.on("disconnect", (reason, details) =>
    out({ client, type: "disconnect", reason, description: details?.description ? String(details.description) : null }),
  );
  socket.onAny((event, ...args) => out({ client, type: "event", event, args }));

  const manager = socket.io;
  manager.on("reconnect", (attempt) => out({ client, type: "reconnect", attempt }));
  manager.on("reconnect_attempt", (attempt) => out({ client, type: "reconnect_attempt", attempt }));
  manager.on("reconnect_error", (err) => out({ client, type: "reconnect_error", ...describeError(err) }));
  manager.on("reconnect_failed", () => out({ client, type: "reconnect_failed" }));
}

function emit(command) {
  const socket = requireSocket(command);
  const args = Array.isArray(command.args) ? command.args : [];
  if (command.ackSeq === undefined || command.ackSeq === null) {
    socket.emit(command.event, ...args);
    return;
  }
  const ackSeq = command.ackSeq;
  const timeoutMs = command.timeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  socket.timeout(timeoutMs).emit(command.event, ...args, (err, ...response) => {
    if (err) {
      out({ client: command.client, type: "ack-timeout", ackSeq, timeoutMs, message: err.message });
    } else {
      out({ client: command.client, type: "ack", ackSeq, args: response });
    }
  });
}

// Closing the transport (not the engine) is what a network loss looks like to the client: reason
// "transport close", and the manager reconnects; engine.close() would be "forced close", no reconnect
// semantics of a real drop. A transport closed mid-upgrade is silently replaced by the new one, so a
// drop during an upgrade waits for the upgrade to settle.
function drop(socket) {
  const engine = socket.io.engine;
  if (!engine) {
    throw new Error("no engine: the socket is not connected");
  }
  if (engine.upgrading) {
    const closeLater = () => {
      engine.off("upgrade", closeLater);
      engine.off("upgradeError", closeLater);
      engine.transport.close();
    };
    engine.on("upgrade", closeLater);
    engine.on("upgradeError", closeLater);
  } else {
    engine.transport.close();
  }
}

function close(command) {
  const socket = requireSocket(command);
  socket.disconnect();
  out({ client: command.client, type: "closed" });
}

function shutdown(code) {
  for (const socket of sockets.values()) {
    try {
      socket.disconnect();
    } catch (e) {
      process.stderr.write(`disconnect on shutdown failed: ${e}\n`);
    }
  }
  sockets.clear();
  // Let stdout drain before leaving, otherwise the last events can be lost.
  process.stdout.write("", () => process.exit(code));
}

function handle(line) {
  if (!line.trim()) {
    return;
  }
  let command;
  try {
    command = JSON.parse(line);
  } catch (e) {
    driverError(null, `not JSON: ${e.message}`, line);
    return;
  }
  try {
    switch (command.op) {
      case "connect":
        connect(command);
        break;
      case "emit":
        emit(command);
        break;
      case "close":
      case "disconnect":
        close(command);
        break;
      case "open":
        requireSocket(command).connect();
        break;
      case "auth":
        requireSocket(command).auth = command.auth ?? {};
        break;
      case "drop":
        drop(requireSocket(command));
        break;
      case "ping":
        out({ type: "pong", seq: command.seq ?? null });
        break;
      case "exit":
        shutdown(0);
        break;
      default:
        throw new Error(`unknown op '${command.op}'`);
    }
  } catch (e) {
    driverError(command.client, e, command);
  }
}

process.on("uncaughtException", (e) => {
  process.stderr.write(`uncaught: ${e?.stack ?? e}\n`);
  driverError(null, e);
});
process.on("unhandledRejection", (e) => {
  process.stderr.write(`unhandled rejection: ${e?.stack ?? e}\n`);
  driverError(null, e);
});

const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", handle);
// The Java side going away (or closing our stdin) must not leave a stray node process behind.
input.on("close", () => shutdown(0));
out({ type: "ready", node: process.version });
