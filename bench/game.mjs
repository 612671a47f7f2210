#!/usr/bin/env node
// The game bench: N simulated players (8 and 32) move through one Coin Rush match for a fixed
// time; we measure the bytes per second each client receives and the server's CPU per tick,
// with the old full JSON snapshots ("json") and with @volley/state ("state"), back to back.
//
//   node bench/game.mjs [--quick | --smoke] [--players=8,32] [--out=DIR] [--cpu-prof]
//
// The server runs in its own process (servers/game.mjs); the players are raw WebSocket clients
// in this process speaking the Socket.IO wire directly (cheap, and every byte is counted as it
// arrives: frame payload plus the WebSocket frame header). Each player steers towards random
// waypoints, predicting its own position with the game's movement code, so everyone is moving
// all the time; in "state" mode it acknowledges each state message, as the browser does.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readHeader } from "@volley/state";
import {
  DEFAULT_RULES,
  movePlayer,
  spawnPoint,
  TICK_SECONDS,
} from "../apps/game/dist/shared/simulation.js";
import { gameChart } from "./lib/game-chart.mjs";
import { Child, killAll, now, sleep, withTimeout } from "./lib/proc.mjs";
import { mdTable } from "./lib/report.mjs";
import { connectRaw, engineUrl, eventFrame } from "./lib/wire.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const PROFILES = {
  full: { warmupMs: 2000, durationMs: 8000 },
  quick: { warmupMs: 1000, durationMs: 3000 },
  smoke: { warmupMs: 300, durationMs: 700 },
};
const MODES = ["json", "state"];
const TARGETS = { 8: 5, 32: 10 };

function parseArgs(argv) {
  const flags = new Map(
    argv.map((a) => {
      const [k, v = "true"] = a.replace(/^--/, "").split("=");
      return [k, v];
    }),
  );
  const mode = flags.has("smoke") ? "smoke" : flags.has("quick") ? "quick" : "full";
  const players = (flags.get("players") ?? "8,32").split(",").map(Number);
  if (players.some((n) => !(Number.isInteger(n) && n >= 1 && n <= 64)))
    throw new Error("--players: integers from 1 to 64");
  const out = flags.get("out") ?? join(benchDir, "results");
  const profileDir = flags.has("cpu-prof") ? join(out, "profiles", "game") : undefined;
  return { mode, players, out, profileDir };
}

const log = (...parts) => console.error(...parts);

/** WebSocket frame header size for a payload (server frames are not masked). */
const frameOverhead = (length) => (length < 126 ? 2 : length < 65_536 ? 4 : 10);

/** One simulated player: joins, steers, counts what it receives, acks state messages. */
class Bot {
  constructor(index, rng) {
    this.index = index;
    this.rng = rng;
    this.bytes = 0;
    this.frames = 0;
    this.seq = 0;
    this.nextAckId = 1;
    this.acks = new Map();
    this.position = undefined;
    this.target = undefined;
    this.recent = [];
  }

  async connect(port) {
    const { ws } = await connectRaw(engineUrl(port), { onFrame: (data) => this.onFrame(data) });
    this.ws = ws;
  }

  onFrame(data) {
    this.bytes += data.length + frameOverhead(data.length);
    this.frames++;
    if (data[0] === 0x34 && data[1] === 0x33) {
      // "43<id>[…]": an ack
      const text = data.toString();
      const match = /^43(\d+)(.*)$/s.exec(text);
      const waiter = match && this.acks.get(Number(match[1]));
      if (waiter) {
        this.acks.delete(Number(match[1]));
        waiter(JSON.parse(match[2])[0]);
      }
    } else if (data[0] !== 0x34 && data[0] !== 0x32 && data[0] !== 0x33) {
      // A binary frame: the `match:state` attachment. Acknowledge it as the browser does.
      const { seq } = readHeader(data);
      this.ws.send(eventFrame("state:ack", seq));
    }
  }

  request(event, ...args) {
    const id = this.nextAckId++;
    return withTimeout(
      new Promise((resolve) => {
        this.acks.set(id, resolve);
        this.ws.send(`42${id}${JSON.stringify([event, ...args])}`);
      }),
      10_000,
      `${event} of bot ${this.index}`,
    );
  }

  async join(code, rules) {
    const reply = await this.request("match:join", { code, name: `bot${this.index}` });
    if (!reply.ok || reply.role !== "player") throw new Error(`join: ${JSON.stringify(reply)}`);
    this.rules = rules;
    this.position = spawnPoint(rules, reply.slot);
  }

  /** One input tick: steer towards the waypoint (a new one when reached). */
  step() {
    const { rules } = this;
    if (
      !this.target ||
      Math.hypot(this.target.x - this.position.x, this.target.y - this.position.y) < 20
    ) {
      this.target = {
        x: 40 + this.rng() * (rules.width - 80),
        y: 40 + this.rng() * (rules.height - 80),
      };
    }
    const dx = this.target.x - this.position.x;
    const dy = this.target.y - this.position.y;
    const length = Math.hypot(dx, dy) || 1;
    const frame = { seq: this.seq++, x: dx / length, y: dy / length };
    this.position = movePlayer(rules, this.position, frame, TICK_SECONDS);
    this.recent = [...this.recent, frame].slice(-3);
    this.ws.send(eventFrame("input", { inputs: this.recent }));
  }
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function measure(syncMode, players, profile, profileDir) {
  const server = new Child(join(benchDir, "servers", "game.mjs"), {
    label: `game server (${syncMode})`,
    nodeArgs: profileDir
      ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}/${syncMode}-${players}`]
      : [],
  });
  const bots = [];
  let timer;
  try {
    const { port } = await server.request("start", { mode: syncMode, maxPlayers: players });
    const rng = mulberry32(42);
    for (let i = 0; i < players; i++) {
      const bot = new Bot(i, rng);
      await bot.connect(port);
      bots.push(bot);
    }
    const created = await bots[0].request("match:create");
    if (!created.ok) throw new Error("match:create failed");
    const rules = { ...DEFAULT_RULES, maxPlayers: players };
    for (const bot of bots) await bot.join(created.code, rules);

    // Inputs at the tick rate, from a drift-free schedule; bounded by the run's length.
    const tickMs = TICK_SECONDS * 1000;
    let next = now();
    const drive = () => {
      for (const bot of bots) bot.step();
      next += tickMs;
      timer = setTimeout(drive, Math.max(0, next - now()));
    };
    drive();

    await sleep(profile.warmupMs);
    const before = bots.map((b) => ({ bytes: b.bytes, frames: b.frames }));
    const start = await server.request("mark");
    await sleep(profile.durationMs);
    const end = await server.request("mark");
    const seconds = (end.at - start.at) / 1000;
    const perClient = bots.map((b, i) => (b.bytes - before[i].bytes) / seconds);
    const framesPerClient = bots.map((b, i) => (b.frames - before[i].frames) / seconds);
    const ticks = end.ticks - start.ticks;
    return {
      mode: syncMode,
      players,
      seconds: Number(seconds.toFixed(2)),
      bytesPerSecondPerClient: Math.round(perClient.reduce((a, b) => a + b, 0) / players),
      maxBytesPerSecondPerClient: Math.round(Math.max(...perClient)),
      framesPerSecondPerClient: Number(
        (framesPerClient.reduce((a, b) => a + b, 0) / players).toFixed(1),
      ),
      ticksPerSecond: Number((ticks / seconds).toFixed(1)),
      serverCpuUsPerTick: Math.round((end.cpu - start.cpu) / Math.max(1, ticks)),
    };
  } finally {
    clearTimeout(timer);
    for (const bot of bots) bot.ws?.terminate();
    await server.stop();
  }
}

function table(results) {
  const headers = [
    "players",
    "sync",
    "down per client (B/s)",
    "frames/s per client",
    "ticks/s",
    "server CPU per tick",
  ];
  const rows = results.map((r) => [
    r.players,
    r.mode,
    r.bytesPerSecondPerClient.toLocaleString("en-US"),
    r.framesPerSecondPerClient,
    r.ticksPerSecond,
    `${r.serverCpuUsPerTick} µs`,
  ]);
  return mdTable(
    headers,
    headers.map(() => "left"),
    rows,
  ).join("\n");
}

function ratios(results) {
  const lines = [];
  for (const players of [...new Set(results.map((r) => r.players))]) {
    const json = results.find((r) => r.players === players && r.mode === "json");
    const state = results.find((r) => r.players === players && r.mode === "state");
    if (!json || !state) continue;
    const ratio = json.bytesPerSecondPerClient / state.bytesPerSecondPerClient;
    const target = TARGETS[players];
    lines.push({
      players,
      ratio,
      target,
      met: target === undefined ? undefined : ratio >= target,
      cpuRatio: state.serverCpuUsPerTick / json.serverCpuUsPerTick,
    });
  }
  return lines;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const profile = PROFILES[args.mode];
  const results = [];
  for (const players of args.players) {
    for (const syncMode of MODES) {
      log(`game bench: ${players} players, ${syncMode} …`);
      const result = await withTimeout(
        measure(syncMode, players, profile, args.profileDir),
        profile.warmupMs + profile.durationMs + 60_000,
        `${players} players, ${syncMode}`,
      );
      console.log(JSON.stringify({ scenario: "game", benchMode: args.mode, ...result }));
      results.push(result);
    }
  }
  const summary = ratios(results);
  const md = [
    `# Game bench (${args.mode}, ${new Date().toISOString().slice(0, 10)}, Node ${process.version})`,
    "",
    table(results),
    "",
    ...summary.map(
      (s) =>
        `- ${s.players} players: ${s.ratio.toFixed(1)}× less downstream per client` +
        (s.target ? ` (target ≥ ${s.target}×: ${s.met ? "met" : "missed"})` : "") +
        `; server CPU per tick ${s.cpuRatio.toFixed(2)}× the JSON broadcast's`,
    ),
    "",
  ].join("\n");
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, "game.md"), md);
  writeFileSync(
    join(args.out, "game.jsonl"),
    `${results.map((r) => JSON.stringify(r)).join("\n")}\n`,
  );
  writeFileSync(join(args.out, "game.svg"), gameChart(results, { mode: args.mode }));
  log(md);
  if (args.mode !== "smoke" && summary.some((s) => s.met === false)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  killAll();
  process.exit(1);
});
