/**
 * The match's synced state on this page: `match:state` messages go into a `@volley/state`
 * client, which acknowledges them (volatile: a lost ack only means a slightly larger delta) and
 * asks for a full snapshot when it cannot apply one; every applied state reaches the game
 * client as a `Snapshot`. The per-entity signals of `sync` are there for components that want
 * them.
 */
import { StateClient } from "@volley/state/client";
import type { ServerToClientEvents, Snapshot } from "../../shared/events.js";
import { type GameSchema, gameSchema, toSnapshot } from "../../shared/sync.js";

export interface StateSource {
  on(event: "match:state", listener: ServerToClientEvents["match:state"]): unknown;
  off(event: "match:state", listener: ServerToClientEvents["match:state"]): unknown;
  emit(event: "state:resync"): unknown;
  readonly volatile: { emit(event: "state:ack", seq: number): unknown };
}

export class StateFeed {
  readonly sync: StateClient<GameSchema>;
  private readonly listener = (bytes: Uint8Array | ArrayBuffer) => this.sync.receive(bytes);

  constructor(
    private readonly socket: StateSource,
    onSnapshot: (snapshot: Snapshot) => void,
  ) {
    this.sync = new StateClient({
      schema: gameSchema,
      ack: (seq) => socket.volatile.emit("state:ack", seq),
      resync: () => socket.emit("state:resync"),
      onState: (state) => onSnapshot(toSnapshot(state)),
    });
    socket.on("match:state", this.listener);
  }

  dispose(): void {
    this.socket.off("match:state", this.listener);
  }
}
