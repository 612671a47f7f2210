#!/usr/bin/env node
// What an event contract costs per ack round trip, measured in one process so the two servers
// see the same machine load: 10 socket.io-client sockets in closed `emitWithAck("echo")` loops
// against @volley/server without and with the zod contract of servers/volley-contract.mjs,
// alternating, `ROUNDS` times. Prints CPU µs per ack (client and server together) and acks/s;
// compare the pairs of one round. `pnpm build` first. Usage: node bench/tools/contract-overhead.mjs [rounds]
import { createServer } from "node:http";
import { defineEvents, Server } from "@volley/server";
import { io as ioc } from "socket.io-client";
import { z } from "zod";

const ROUNDS = Number(process.argv[2] ?? 3);
const SOCKETS = 10;
const ACKS_PER_SOCKET = 2_000;
const Echo = z.object({ i: z.number().int().nonnegative(), s: z.string().max(1_000) });
const events = defineEvents({ clientToServer: { echo: { args: [Echo], ack: Echo } } });

async function measure(label, options) {
  const http = createServer();
  const io = new Server(http, options);
  io.on("connection", (socket) => socket.on("echo", (data, ack) => ack(data)));
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${http.address().port}`;
  const sockets = await Promise.all(
    Array.from(
      { length: SOCKETS },
      () =>
        new Promise((resolve) => {
          const socket = ioc(url, { transports: ["websocket"], forceNew: true });
          socket.on("connect", () => resolve(socket));
        }),
    ),
  );
  const loop = async (socket, n) => {
    for (let i = 0; i < n; i++) await socket.emitWithAck("echo", { i, s: "ping" });
  };
  await Promise.all(sockets.map((socket) => loop(socket, 300))); // warm-up
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(sockets.map((socket) => loop(socket, ACKS_PER_SOCKET)));
  const cpu = process.cpuUsage(cpuBefore);
  const acks = SOCKETS * ACKS_PER_SOCKET;
  const perAck = (cpu.user + cpu.system) / acks;
  console.log(
    `${label.padEnd(16)} ${perAck.toFixed(1)} µs CPU/ack  ${Math.round((acks / (performance.now() - started)) * 1000)} acks/s`,
  );
  for (const socket of sockets) socket.disconnect();
  await io.close();
  return perAck;
}

for (let round = 1; round <= ROUNDS; round++) {
  const plain = await measure("volley", {});
  const contract = await measure("volley-contract", { events, validateOutgoing: false });
  console.log(`round ${round}: contract/plain CPU per ack = ${(contract / plain).toFixed(3)}`);
}
