/**
 * The page's journey: lobby → joining → in a match (player or spectator) → back to the lobby.
 *
 * Joins are driven by the connection status signal: whenever the socket (re)connects, the
 * session re-sends `match:join` with the seat token it was given, so a network cut or a server
 * blip puts the player back into the same slot. The URL always names the current match
 * (`/?match=CODE`), which makes a reload (or a shared link) land in the same place.
 */
import { effect, signal } from "@preact/signals";
import type { JoinReply, LeftReason, MatchSummary } from "../../shared/events.js";
import type { MoveInput } from "../../shared/simulation.js";
import { type ClientSocket, request } from "./connection.js";
import { GameClient } from "./game-client.js";
import { forgetSeat, saveName, saveSeatToken, seatToken } from "./session-store.js";
import { StateFeed } from "./state-feed.js";

export type Screen =
  | { kind: "lobby"; notice?: string }
  | { kind: "joining"; code: string }
  | {
      kind: "game";
      code: string;
      role: "player" | "spectator";
      full: boolean;
      client: GameClient;
      /** The synced state behind `client`, for components that read its signals directly. */
      feed: StateFeed;
    };

const REQUEST_TIMEOUT_MS = 5000;

export class MatchSession {
  readonly screen = signal<Screen>({ kind: "lobby" });
  readonly matches = signal<MatchSummary[]>([]);
  private wanted: { code: string; name: string; spectate: boolean } | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly socket: ClientSocket,
    private readonly readStick: () => MoveInput,
  ) {
    const onMatches = (list: MatchSummary[]) => {
      this.matches.value = list;
    };
    const onLeft = (reason: LeftReason) => this.kicked(reason);
    socket.on("lobby:matches", onMatches);
    socket.on("match:left", onLeft);
    this.disposers.push(
      () => socket.off("lobby:matches", onMatches),
      () => socket.off("match:left", onLeft),
      effect(() => {
        if (socket.status.value === "connected") void this.sync();
      }),
    );
  }

  /** Creates a match and joins it as a player. */
  async create(name: string): Promise<void> {
    try {
      const reply = await request(this.socket, REQUEST_TIMEOUT_MS, "match:create");
      if (!reply.ok) return this.toLobby("The server is full, try again later.");
      await this.join(reply.code, name);
    } catch {
      this.toLobby("The server did not answer. Check your connection.");
    }
  }

  /** Joins (or rejoins) a match; waits for the connection if it is down. */
  async join(code: string, name: string, spectate = false): Promise<void> {
    const normalized = code.trim().toUpperCase();
    if (!normalized) return;
    saveName(name);
    this.wanted = { code: normalized, name, spectate };
    if (this.screen.peek().kind !== "game")
      this.screen.value = { kind: "joining", code: normalized };
    if (this.socket.status.peek() === "connected") await this.sync();
  }

  leave(): void {
    const screen = this.screen.peek();
    if (screen.kind === "game") {
      screen.client.dispose();
      forgetSeat(screen.code);
    }
    this.wanted = null;
    this.socket.emit("match:leave");
    this.toLobby();
  }

  dispose(): void {
    for (const dispose of this.disposers) dispose();
    const screen = this.screen.peek();
    if (screen.kind === "game") screen.client.dispose();
  }

  /** Brings the server in line with what the page wants: a seat in `wanted`, or the lobby. */
  private async sync(): Promise<void> {
    const wanted = this.wanted;
    if (!wanted) {
      await this.watchLobby();
      return;
    }
    let reply: JoinReply;
    try {
      reply = await request(this.socket, REQUEST_TIMEOUT_MS, "match:join", {
        code: wanted.code,
        name: wanted.name,
        ...(seatToken(wanted.code) ? { token: seatToken(wanted.code)! } : {}),
        ...(wanted.spectate ? { spectate: true } : {}),
      });
    } catch {
      return; // timed out: the next reconnect retries
    }
    if (this.wanted !== wanted) return; // the user moved on meanwhile
    if (!reply.ok) {
      this.wanted = null;
      forgetSeat(wanted.code);
      const notice =
        reply.error === "not_found"
          ? `There is no match ${wanted.code} (any more).`
          : "That match code is not valid.";
      this.toLobby(notice);
      return;
    }
    this.enter(reply);
  }

  private enter(reply: Extract<JoinReply, { ok: true }>): void {
    const previous = this.screen.peek();
    const me = reply.role === "player" ? { id: reply.playerId, name: reply.name } : null;
    if (reply.role === "player") saveSeatToken(reply.code, reply.token);
    if (
      previous.kind === "game" &&
      previous.code === reply.code &&
      previous.role === reply.role &&
      previous.client.me?.id === me?.id
    ) {
      previous.client.resetInputs(); // same seat after a reconnect: keep the view, drop stale inputs
      return;
    }
    if (previous.kind === "game") previous.client.dispose();
    const client = new GameClient(this.socket, reply.rules, me, this.readStick);
    const feed = new StateFeed(this.socket, (snapshot) =>
      client.onSnapshot(snapshot, performance.now()),
    );
    client.onDispose(() => feed.dispose());
    const full = reply.role === "spectator" && reply.full;
    this.screen.value = { kind: "game", code: reply.code, role: reply.role, full, client, feed };
    history.replaceState(null, "", `/?match=${encodeURIComponent(reply.code)}`);
  }

  private kicked(_reason: LeftReason): void {
    const screen = this.screen.peek();
    if (screen.kind === "game") screen.client.dispose();
    this.wanted = null;
    this.toLobby("You joined this match from another tab or device.");
  }

  private toLobby(notice?: string): void {
    this.screen.value = notice ? { kind: "lobby", notice } : { kind: "lobby" };
    if (location.search) history.replaceState(null, "", "/");
    if (this.socket.status.peek() === "connected") void this.watchLobby();
  }

  private async watchLobby(): Promise<void> {
    try {
      this.matches.value = await request(this.socket, REQUEST_TIMEOUT_MS, "lobby:watch");
    } catch {
      // The lobby list stays as it was; the next reconnect refreshes it.
    }
  }
}
