#!/usr/bin/env node
// Connects the official socket.io-client with a token and prints every event it receives, for trying a
// server by hand (see README "Walkthrough"). Install the client first:
//   npm install --no-save --prefix scripts socket.io-client@4.8
// Usage: node scripts/listen.cjs URL TOKEN [JOIN_ROOM...]
//   URL   e.g. http://127.0.0.1:3000/patient-pharmacy, or http://127.0.0.1:3000/ for the legacy namespace
const { io } = require("socket.io-client");

const [url, token, ...rooms] = process.argv.slice(2);
if (!url || !token) {
  console.error("usage: node scripts/listen.cjs URL TOKEN [JOIN_ROOM...]");
  process.exit(2);
}
const socket = io(url, { auth: { token }, transports: ["websocket"] });
socket.on("connect", () => {
  console.log(`connected to ${url} as ${socket.id}`);
  for (const room of rooms) {
    socket.emit("join", { room }, (answer) => console.log(`join ${room}:`, JSON.stringify(answer)));
  }
});
socket.on("connect_error", (err) => console.log(`connect_error: ${err.message}`));
socket.on("disconnect", (reason) => console.log(`disconnect: ${reason}`));
socket.onAny((event, ...args) => console.log(`${event} ${JSON.stringify(args.length === 1 ? args[0] : args)}`));
