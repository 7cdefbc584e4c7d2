#!/usr/bin/env node
// The floor under a server's CPU per delivery on this machine when it writes once per delivery (issue #12): what
// one delivery costs when a server does nothing but write it. A writer process holds 2,000 loopback TCP
// connections (TCP_NODELAY) and writes a 150-byte message (an order:new frame's size) to RECIPIENTS of them PUBLISHES times a second, one
// write per connection as a server with nothing to coalesce does; a reader process holds the other ends and
// drains them. Prints the writer's user and system CPU per write (process.resourceUsage), three runs and
// their median. On loopback the sender's system time includes the receiver's TCP processing.
//
//   node benchmarks/write-floor.js                 # 10 recipients, 2,000 publishes/s: 20,000 writes/s
//   node benchmarks/write-floor.js 100 200         # 100 recipients, 200 publishes/s
"use strict";
const net = require("node:net");
const { fork } = require("node:child_process");

const CONNECTIONS = 2000;
const MESSAGE_BYTES = 150;
const SECONDS = 8;
const RUNS = 3;

if (process.argv[2] === "--reader") {
  read(Number(process.argv[3]));
} else {
  const recipients = Number(process.argv[2] || 10);
  const publishesPerS = Number(process.argv[3] || 2000);
  if (!(recipients >= 1 && recipients <= CONNECTIONS) || !(publishesPerS > 0)) {
    console.error("usage: write-floor.js [RECIPIENTS 1-" + CONNECTIONS + "] [PUBLISHES_PER_S]");
    process.exit(2);
  }
  main(recipients, publishesPerS).catch((error) => { console.error(error); process.exit(1); });
}

function read(port) {
  let open = 0;
  let bytes = 0;
  for (let i = 0; i < CONNECTIONS; i++) {
    const socket = net.connect(port, "127.0.0.1", () => { if (++open === CONNECTIONS) process.send("connected"); });
    socket.on("data", (data) => { bytes += data.length; });
    socket.on("error", () => {});
  }
  process.on("message", () => { process.send({ bytes }); process.exit(0); });
}

async function main(recipients, publishesPerS) {
  const results = [];
  for (let run = 1; run <= RUNS; run++) {
    results.push(await once(recipients, publishesPerS));
    console.log(JSON.stringify({ run, ...results[run - 1] }));
  }
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(JSON.stringify({ median: true, recipients, writesPerS: recipients * publishesPerS,
    userUsPerWrite: median("userUsPerWrite"), systemUsPerWrite: median("systemUsPerWrite"),
    totalUsPerWrite: median("totalUsPerWrite") }));
}

function once(recipients, publishesPerS) {
  return new Promise((resolve, reject) => {
    const accepted = [];
    const server = net.createServer((socket) => {
      socket.setNoDelay(true);
      socket.on("error", () => {});
      accepted.push(socket);
    });
    server.listen(0, "127.0.0.1", () => {
      const reader = fork(__filename, ["--reader", String(server.address().port)]);
      reader.on("error", reject);
      reader.on("message", (message) => {
        if (message === "connected") {
          whenAccepted(() => write(reader));
        } else {
          accepted.forEach((socket) => socket.destroy());
          server.close();
          resolve({ ...measured, readerBytes: message.bytes });
        }
      });
    });
    const whenAccepted = (then) => (accepted.length < CONNECTIONS ? setTimeout(() => whenAccepted(then), 20) : then());
    let measured;

    function write(reader) {
      const message = Buffer.alloc(MESSAGE_BYTES, "x");
      const start = process.hrtime.bigint();
      const before = process.resourceUsage();
      let published = 0;
      let writes = 0;
      // Paced on the clock, catching up when late, as the load generators pace their publishes.
      const timer = setInterval(() => {
        const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
        for (const due = Math.min(elapsedS, SECONDS) * publishesPerS; published < due; published++) {
          for (let i = 0; i < recipients; i++) {
            accepted[(published * recipients + i) % CONNECTIONS].write(message);
            writes++;
          }
        }
        if (elapsedS < SECONDS) return;
        clearInterval(timer);
        const after = process.resourceUsage();
        const user = (after.userCPUTime - before.userCPUTime) / writes;
        const system = (after.systemCPUTime - before.systemCPUTime) / writes;
        measured = { writesPerS: Math.round(writes / elapsedS), userUsPerWrite: round(user),
          systemUsPerWrite: round(system), totalUsPerWrite: round(user + system) };
        setTimeout(() => reader.send("done"), 500); // the reader drains what is in flight first
      }, 1);
    }
  });
}

function round(value) {
  return Math.round(value * 100) / 100;
}
