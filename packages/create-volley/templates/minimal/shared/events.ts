/**
 * The wire contract, shared by the server (`server/`) and the page (`web/`): every event with
 * a schema for each argument and for the ack (valibot, through Standard Schema). Both sides
 * infer their types from it, and the server validates what the page sends against it before
 * any handler runs. Add an event here and both sides get its types and its checks.
 */
import {
  type ClientEmitEvents,
  type ClientListenEvents,
  defineEvents,
  type ServerEmitEvents,
  type ServerListenEvents,
} from "@volley/protocol";
import * as v from "valibot";

export const MAX_ECHO_LENGTH = 1_000;

const EchoReply = v.object({
  text: v.string(),
  /** Server time, ms since the epoch. */
  at: v.number(),
});
export type EchoReply = v.InferOutput<typeof EchoReply>;

export const events = defineEvents({
  clientToServer: {
    /** The page sends a text; the ack carries it back with the server's time. */
    echo: {
      args: [
        v.pipe(v.string(), v.maxLength(MAX_ECHO_LENGTH, `At most ${MAX_ECHO_LENGTH} characters.`)),
      ],
      ack: EchoReply,
    },
  },
  serverToClient: {
    /** How many clients are connected, sent to everyone whenever it changes. */
    online: { args: [v.number()] },
  },
});

/** What the server's handlers receive and what it emits (inferred from `events`). */
export type ClientToServerEvents = ServerListenEvents<typeof events>;
export type ServerToClientEvents = ServerEmitEvents<typeof events>;
/** The page's view: what it receives and what it emits. */
export type PageListenEvents = ClientListenEvents<typeof events>;
export type PageEmitEvents = ClientEmitEvents<typeof events>;

/** What an ack carries when the server refused the arguments (never reaching a handler). */
export interface Refused {
  error: "invalid_arguments" | "unknown_event";
  issues: { path: (string | number)[]; message: string }[];
}
