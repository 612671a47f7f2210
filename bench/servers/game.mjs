// The Coin Rush game server as a bench child: `apps/game` (built: `pnpm build`) on
// @volley/server, in either sync mode — "json" (the whole match as one JSON snapshot broadcast
// to the room, the protocol before @volley/state) or "state" (each client's view as binary
// deltas against what it acknowledged). Same rules, same 30 Hz tick, same 15/s send rate.
import { createServer } from "node:http";
import { Server } from "@volley/server";
import { attachGame, GAME_SERVER_OPTIONS } from "../../apps/game/dist/server/game-server.js";
import { answerRequests, now } from "../lib/proc.mjs";

let game;
let io;

answerRequests({
  async start({ mode, maxPlayers }) {
    const httpServer = createServer();
    io = new Server(httpServer, GAME_SERVER_OPTIONS);
    game = attachGame(io, {
      sync: mode,
      seed: 1,
      // A long round with an unreachable target: the whole measurement is one phase.
      rules: { maxPlayers, roundSeconds: 600, scoreTarget: 100_000 },
    });
    await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    return { port: httpServer.address().port };
  },
  /** CPU used so far and simulation ticks run so far (the parent takes differences). */
  mark() {
    const { user, system } = process.cpuUsage();
    const ticks = game.lobby.all().reduce((sum, match) => sum + match.game.tick, 0);
    return { cpu: user + system, ticks, at: now() };
  },
  async exit() {
    game?.close();
    await io?.close();
  },
});
