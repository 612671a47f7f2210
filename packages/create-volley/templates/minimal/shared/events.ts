/**
 * The wire contract: typed event maps shared by the server (`server/`) and the page (`web/`).
 * Add an event here and both sides get its types.
 */
export interface EchoReply {
  text: string;
  /** Server time, ms since the epoch. */
  at: number;
}

/** Events the page sends (the last argument of an event with a reply is its ack). */
export interface ClientToServerEvents {
  echo: (text: string, ack: (reply: EchoReply) => void) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  /** How many clients are connected, sent to everyone whenever it changes. */
  online: (count: number) => void;
}
