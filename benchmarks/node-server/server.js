// The benchmarked part of the MedSync contract on the stock socket.io 4.8 server, written the way a node
// backend would: namespace /patient-pharmacy, JWT (HS256) from auth.token, automatic rooms user:{sub} and
// pharmacy:{pharmacyId}, and POST /api/v1/events routing order:new to pharmacy:{data.pharmacy.id} and
// user:{data.patient.id} (plus `to`). GET /debug/memory answers process.memoryUsage() after a full GC, for
// the capacity scenario. Settings come from the environment, as for MedSync.
"use strict";

const http = require("http");
const { Server } = require("socket.io");
const jwt = require("jsonwebtoken");

const bind = process.env.BENCH_BIND || "127.0.0.1";
const socketPort = Number(process.env.BENCH_SOCKET_PORT);
const httpPort = Number(process.env.BENCH_HTTP_PORT);
const secret = process.env.BENCH_JWT_SECRET;
const apiKey = process.env.BENCH_API_KEY;
if (!socketPort || !httpPort || !secret || !apiKey) {
  console.error("BENCH_SOCKET_PORT, BENCH_HTTP_PORT, BENCH_JWT_SECRET and BENCH_API_KEY are required");
  process.exit(2);
}

const io = new Server({ transports: ["websocket", "polling"], pingInterval: 25000, pingTimeout: 20000 });
const nsp = io.of("/patient-pharmacy");

nsp.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  if (typeof token !== "string") {
    return next(new Error("Authentication error: token missing"));
  }
  try {
    socket.data.user = jwt.verify(token, secret, { algorithms: ["HS256"] });
    return next();
  } catch (err) {
    return next(new Error("Authentication error: " + err.message));
  }
});

nsp.on("connection", (socket) => {
  const user = socket.data.user;
  socket.join("user:" + user.sub);
  if (typeof user.pharmacyId === "string") {
    socket.join("pharmacy:" + user.pharmacyId);
  }
});

function roomsOf(envelope) {
  const rooms = Array.isArray(envelope.to) ? envelope.to.filter((room) => typeof room === "string") : [];
  const data = envelope.data || {};
  if (envelope.event === "order:new" || envelope.event === "order:updated") {
    if (data.pharmacy && typeof data.pharmacy.id === "string") rooms.push("pharmacy:" + data.pharmacy.id);
    if (data.patient && typeof data.patient.id === "string") rooms.push("user:" + data.patient.id);
  }
  return rooms;
}

function answer(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const api = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/debug/memory") {
    if (global.gc) global.gc();
    return answer(res, 200, process.memoryUsage());
  }
  if (req.method === "GET" && req.url === "/health/ready") {
    return answer(res, 200, { status: "UP" });
  }
  if (req.method !== "POST" || req.url !== "/api/v1/events") {
    return answer(res, 404, { error: { code: "NOT_FOUND", message: "no such endpoint" } });
  }
  if (req.headers.authorization !== "Bearer " + apiKey) {
    return answer(res, 401, { error: { code: "UNAUTHORIZED", message: "missing or wrong key" } });
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let envelope;
    try {
      envelope = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (err) {
      return answer(res, 400, { error: { code: "MALFORMED_JSON", message: err.message } });
    }
    if (!envelope || typeof envelope.event !== "string") {
      return answer(res, 400, { error: { code: "MALFORMED", message: "event is required", field: "event" } });
    }
    const rooms = roomsOf(envelope);
    if (rooms.length === 0) {
      return answer(res, 422, { error: { code: "NO_ROOMS", message: "no rooms can be derived" } });
    }
    nsp.to(rooms).emit(envelope.event, envelope.data);
    return answer(res, 202, { event: envelope.event, accepted: true, duplicate: false, rooms });
  });
});

// io.listen(port) would bind every address; the harness wants loopback only.
const socketServer = http.createServer();
io.attach(socketServer);
socketServer.listen(socketPort, bind, () => {
  api.listen(httpPort, bind, () => console.log("node socket.io " + require("fs").readFileSync(require("path").join(__dirname, "node_modules/socket.io/package.json"), "utf8").match(/"version": "([^"]+)"/)[1]
    + " ready: socket " + bind + ":" + socketPort + ", http " + bind + ":" + httpPort));
});
