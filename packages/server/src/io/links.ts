/**
 * Module-level symbols for the links between io classes that are not public API: the calls a
 * Client makes on its Sockets, a Namespace on a Socket, a Socket on its Client and Namespace,
 * the Server on a Namespace. Keyed by symbols (as `ws` keeps its cross-object links) and
 * tagged internal where used, so the members never show in the published declarations and
 * cannot collide with or be mistaken for user-facing members.
 */

/** Socket: a packet for its namespace arrived. */
export const onPacket: unique symbol = Symbol("volley.onPacket");
/** Socket: it is gone (reason, description). */
export const onClose: unique symbol = Symbol("volley.onClose");
/** Socket: its namespace accepted it (join rooms, answer CONNECT, replay missed packets). */
export const onConnect: unique symbol = Symbol("volley.onConnect");
/** Socket: its namespace refused it (CONNECT_ERROR). */
export const refuse: unique symbol = Symbol("volley.refuse");

/** Client: encode and write one packet. */
export const writePacket: unique symbol = Symbol("volley.writePacket");
/** Client: write prepared frames. */
export const writePrepared: unique symbol = Symbol("volley.writePrepared");
/** Client / Namespace: a socket left. */
export const removeSocket: unique symbol = Symbol("volley.removeSocket");
/** Client: disconnect every namespace, then close the session. */
export const closeAll: unique symbol = Symbol("volley.closeAll");

/** Namespace: handle a CONNECT (recover or create a socket, run middlewares, accept/refuse). */
export const addClient: unique symbol = Symbol("volley.addClient");
/** Namespace: the next ack id. */
export const nextAckId: unique symbol = Symbol("volley.nextAckId");
/** Namespace: rebuild the adapter from the server's current options. */
export const rebuildAdapter: unique symbol = Symbol("volley.rebuildAdapter");
/** Namespace / Server: report an error thrown by user code. */
export const reportError: unique symbol = Symbol("volley.reportError");
/** Socket: number of acknowledgements still pending (for tests: ids never leak). */
export const pendingAcks: unique symbol = Symbol("volley.pendingAcks");
/** Server: log and announce an action taken past a limit (`limit_exceeded`). */
export const reportLimit: unique symbol = Symbol("volley.reportLimit");
/** Server: an event refused by the contract (socket, event, answer) for `io.on("invalid_event")`. */
export const invalidEvent: unique symbol = Symbol("volley.invalidEvent");
