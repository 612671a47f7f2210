/**
 * One engine session seen by the io layer: it owns the Socket.IO Decoder, routes packets to the
 * socket of their namespace, answers CONNECT (at most one socket per namespace), closes a
 * session that joins no namespace within `connectTimeout`, and turns bad input into a clean
 * "parse error" close for this session only.
 */
import {
  type BinaryData,
  checkDecodedPacket,
  Decoder,
  type Packet,
  type PacketDecoder,
  PacketType,
  toError,
} from "@volley/protocol";
import type {
  EngineSession,
  HandshakeRequest,
  PreparedMessage,
  SendOptions,
  SessionOwner,
} from "../engine/index.js";
import type { BroadcastFlags } from "./adapter-types.js";
import { sendOptions } from "./broadcast-delivery.js";
import { type ClientExtras, holdsNothing } from "./client-extras.js";
import type { ClientHost, ClientSocket } from "./client-links.js";
import type { DisconnectReason } from "./errors.js";
import { callSafely, type Handler } from "./handlers.js";
import { ClientLimiter, type Refusal } from "./limits/client-limiter.js";
import type { RuleSocket } from "./limits/options.js";
import { answerRefusal } from "./limits/refusal.js";
import { RuleGate } from "./limits/rule-gate.js";
import { closeAll, onClose, onPacket, removeSocket, writePacket, writePrepared } from "./links.js";

const NO_FLAGS: BroadcastFlags = Object.freeze({});

/** Decodes text packets of every client (it holds state only for binary packets: see decoderFor). */
const SHARED_DECODER = new Decoder();
const BINARY_EVENT = String(PacketType.BINARY_EVENT);
const BINARY_ACK = String(PacketType.BINARY_ACK);
const CONNECT = String(PacketType.CONNECT);

/** The CONNECT_ERROR of a namespace still connecting when `connectTimeout` ends. */
export const CONNECT_TIMEOUT_MESSAGE =
  "Connection timed out: no namespace was joined within connectTimeout (a middleware that never calls next?)";

function connectTimedOut(client: Client): void {
  client.onConnectTimeout();
}

/**
 * The Socket.IO side of one engine session, shared by its namespaces.
 *
 * Memory: one of these lives per connection, so everything that is empty for an idle client
 * (namespaces being connected, namespaces left, a second namespace) is created on first use,
 * and timers use shared callbacks instead of per-client closures.
 */
export class Client implements SessionOwner {
  readonly session: EngineSession;
  private readonly host: ClientHost<Client>;
  /** What most clients never use (client-extras.ts), created on first use. */
  private extras: ClientExtras | undefined = undefined;
  /** The socket of the first connected namespace (most clients only ever have this one). */
  private firstSocket: ClientSocket | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  /**
   * The limits' state of this connection, when limits are on: created with its first message
   * but the first CONNECT (so an idle connection has none; `sentConnect` marks that CONNECT).
   */
  private limiter: ClientLimiter | undefined;
  private sentConnect = false;
  private closed = false;
  /** disconnect(true) is waiting for its DISCONNECT packets to flush: accept nothing more */
  private closing = false;

  /** Created by the Server for each engine session (not meant to be called by apps). */
  constructor(host: ClientHost<Client>, session: EngineSession) {
    this.host = host;
    this.session = session;
    session.owner = this;
    const parser = host.parser;
    if (parser !== undefined) {
      const decoder = new parser.Decoder();
      decoder.on("decoded", (decoded: unknown) => this.onDecoded(decoded));
      this.more().parsing = decoder;
    }
    this.connectTimer = setTimeout(connectTimedOut, host.connectTimeout, this);
  }

  private more(): ClientExtras {
    this.extras ??= { pendingBinaryBytes: 0 };
    return this.extras;
  }

  /** The connected socket of a namespace. */
  private socketOf(name: string): ClientSocket | undefined {
    const first = this.firstSocket;
    if (first !== undefined && first.nsp.name === name) return first;
    return this.extras?.otherSockets?.get(name);
  }

  /** Every connected socket (a snapshot). */
  private allSockets(): ClientSocket[] {
    const all: ClientSocket[] = this.firstSocket ? [this.firstSocket] : [];
    const others = this.extras?.otherSockets;
    if (others) for (const socket of others.values()) all.push(socket);
    return all;
  }

  private hasSockets(): boolean {
    return this.firstSocket !== undefined || (this.extras?.otherSockets?.size ?? 0) > 0;
  }

  private clearSockets(): void {
    this.firstSocket = undefined;
    if (this.extras) this.extras.otherSockets = undefined;
  }

  private doneConnecting(name: string): void {
    const extras = this.extras;
    const connecting = extras?.connecting;
    if (connecting?.delete(name) && connecting.size === 0) {
      extras!.connecting = undefined;
      // most clients: their first CONNECT was the only use of extras
      if (holdsNothing(extras!)) this.extras = undefined;
    }
  }

  /** The engine session id (never shown as a socket id). */
  get id(): string {
    return this.session.id;
  }

  /** The Engine.IO session (socket.io's `client.conn`). */
  get conn(): EngineSession {
    return this.session;
  }

  /** What apps read from the HTTP request that opened the session (see HandshakeRequest). */
  get request(): HandshakeRequest {
    return this.session.request;
  }

  /** The peer address, captured when the session opened (the socket may be gone later). */
  get remoteAddress(): string {
    return this.session.request.remoteAddress ?? "";
  }

  /** Whether packets can still be written. */
  get isOpen(): boolean {
    return !this.closed && !this.closing && this.session.readyState === "open";
  }

  /** Part of SessionOwner: a message of the session (called directly, no listener). */
  onSessionMessage(data: string | Buffer): void {
    const limits = this.host.limits;
    // an idle connection (one CONNECT, then nothing) never pays for a limiter: its first
    // CONNECT is free (handshakes are limited per address), the limiter comes with any other
    if (limits !== undefined && this.limiter === undefined) {
      if (!this.sentConnect && typeof data === "string" && data[0] === CONNECT) {
        this.sentConnect = true;
      } else {
        this.limiter = new ClientLimiter(limits, this.firstSocket?.nsp.name);
      }
    }
    this.limiter?.received(data);
    const parsing = this.extras?.parsing;
    if (parsing !== undefined) {
      this.onParserMessage(parsing, data);
      return;
    }
    let packet: Packet | undefined;
    try {
      const decoder = this.decoderFor(data);
      if (decoder !== SHARED_DECODER && this.overBinaryBudget(data)) return;
      packet = decoder.add(data);
      const extras = this.extras;
      if (extras?.decoder !== undefined && !extras.decoder.pending) {
        extras.decoder = undefined;
        extras.pendingBinaryBytes = 0;
      }
    } catch (err) {
      this.parseError(err);
      return;
    }
    if (!packet) return;
    this.admit(packet);
  }

  /** A decoded packet, past the limits and the app's rules when they are on, is handled. */
  private admit(packet: Packet): void {
    if (this.limiter !== undefined) {
      if (!this.limiter.admit(packet)) {
        this.refuse(packet, this.limiter.refused);
        return;
      }
      const rules = this.limiter.limits.rules;
      if (rules !== undefined) {
        const extras = this.more();
        extras.ruleGate ??= new RuleGate(rules, this.ruleGateHost());
        if (extras.ruleGate.submit(packet)) return;
      }
    }
    this.handle(packet);
  }

  private handle(packet: Packet): void {
    try {
      this.onPacket(packet);
    } catch (err) {
      // a safety net: nothing thrown while handling one packet may reach the engine
      this.host.reportError(err);
    }
  }

  /** Part of SessionOwner: the session closed. */
  onSessionClose(reason: string, description: string | undefined): void {
    this.onClose(reason, description);
  }

  /** What this connection's rule gate sees of it (built once, when rules first match). */
  private ruleGateHost() {
    const client = this;
    return {
      socketOf: (nsp: string) => client.socketOf(nsp) as unknown as RuleSocket | undefined,
      deliver: (packet: Packet) => client.handle(packet),
      refuse: (packet: Packet, refusal: Refusal) => {
        // admitted (and counted as owed) before the rule refused it
        if (packet.id !== undefined) client.limiter?.answered();
        client.refuse(packet, refusal);
      },
      get gone() {
        return client.closed || client.closing;
      },
      reportError: (err: unknown) => client.host.reportError(err),
      log: client.host.log,
    };
  }

  /** A message for a custom parser's decoder; it emits "decoded" (see onDecoded). */
  private onParserMessage(decoder: PacketDecoder, data: string | Buffer): void {
    try {
      decoder.add(data);
    } catch (err) {
      this.parseError(err);
    }
  }

  /** A packet from a custom parser: checked as strictly as the built-in decoder would. */
  private onDecoded(decoded: unknown): void {
    if (this.closed) return;
    let packet: Packet;
    try {
      packet = checkDecodedPacket(decoded);
    } catch (err) {
      this.parseError(err);
      return;
    }
    this.admit(packet);
  }

  /**
   * An undecodable packet: as socket.io, each socket's `error` listeners get the error (the
   * decoder's ProtocolError, with its code), then the session closes with "parse error".
   * No listener: the log only, so a bad client cannot fill the server's console.
   */
  private parseError(err: unknown): void {
    this.host.log?.("client %s: parse error (%s)", this.id, (err as Error)?.message);
    if (this.hasSockets()) {
      const error = toError(err);
      for (const socket of this.allSockets()) {
        for (const listener of socket.rawListeners("error")) {
          callSafely(listener as Handler, socket, [error], this.host.reportError, socket);
        }
      }
    }
    this.closeWith("parse error");
  }

  /**
   * Count `data` (a part of a binary packet, before it is decoded) against the pending-binary
   * budget; past it, close the session (the decoder and what it holds are released with it).
   */
  private overBinaryBudget(data: string | Buffer): boolean {
    const extras = this.more();
    extras.pendingBinaryBytes += typeof data === "string" ? data.length : data.byteLength;
    const budget = this.host.maxPendingBinaryBytes;
    if (extras.pendingBinaryBytes <= budget) return false;
    this.host.log?.(
      "client %s: %d bytes of incomplete binary packets > maxPendingBinaryBytes %d",
      this.id,
      extras.pendingBinaryBytes,
      budget,
    );
    extras.decoder = undefined;
    this.closeWith(
      "parse error",
      `incomplete binary packets over maxPendingBinaryBytes (${budget} bytes)`,
    );
    return true;
  }

  /**
   * Text packets that are not binary (`5`/`6`) leave no state in a Decoder, so every client
   * shares one for them; a binary packet and its attachments get a decoder of their own.
   */
  private decoderFor(data: string | Buffer): Decoder {
    const own = this.extras?.decoder;
    if (own !== undefined) return own;
    if (typeof data === "string" && data[0] !== BINARY_EVENT && data[0] !== BINARY_ACK) {
      return SHARED_DECODER;
    }
    const decoder = new Decoder();
    this.more().decoder = decoder;
    return decoder;
  }

  private onPacket(packet: Packet): void {
    if (this.closing) return;
    const name = packet.nsp;
    if (packet.type === PacketType.CONNECT) {
      // a CONNECT flood creates at most one socket per namespace. A second CONNECT is not
      // closed on (socket.io does, once the first is registered): socket.io-client sends one
      // when connect() is called on a socket of a namespace that is still connecting
      if (this.socketOf(name) || this.extras?.connecting?.has(name)) return;
      this.connect(name, (packet.data as Record<string, unknown> | undefined) ?? {});
      return;
    }
    if (packet.type === PacketType.CONNECT_ERROR) {
      this.host.log?.("client %s: parse error (CONNECT_ERROR from a client)", this.id);
      this.closeWith("parse error");
      return;
    }
    const socket = this.socketOf(name);
    if (socket) {
      socket[onPacket](packet);
      return;
    }
    // in flight around a connect or a disconnect: ignore; a namespace never joined: refuse
    const extras = this.extras;
    if (extras?.connecting?.has(name) || extras?.left?.has(name)) return;
    this.host.log?.("client %s: parse error (packet for %s, never joined)", this.id, name);
    this.closeWith("parse error");
  }

  private connect(name: string, auth: Record<string, unknown>): void {
    const extras = this.more();
    extras.connecting ??= new Set();
    extras.connecting.add(name);
    this.host.connect(this, name, auth, {
      accepted: (socket) => {
        // this.extras, not `extras`: the middlewares may have run for a while
        this.extras?.left?.delete(name);
        if (this.firstSocket === undefined) this.firstSocket = socket;
        else {
          const others = this.more();
          others.otherSockets ??= new Map();
          others.otherSockets.set(name, socket);
        }
        this.doneConnecting(name);
        if (this.connectTimer) clearTimeout(this.connectTimer);
        this.connectTimer = undefined;
      },
      refused: (message) => {
        this.doneConnecting(name);
        if (message !== undefined) {
          this[writePacket]({ type: PacketType.CONNECT_ERROR, nsp: name, data: { message } });
        }
      },
    });
  }

  /** @internal no namespace joined within `connectTimeout` */
  onConnectTimeout(): void {
    this.connectTimer = undefined;
    if (this.hasSockets()) return;
    // a namespace whose middleware never called next(): tell the client why (connect_error)
    // before the close; "forced close" delivers what is queued first
    for (const name of this.extras?.connecting ?? []) {
      this[writePacket]({
        type: PacketType.CONNECT_ERROR,
        nsp: name,
        data: { message: CONNECT_TIMEOUT_MESSAGE },
      });
    }
    this.host.log?.("client %s: no namespace joined within connectTimeout", this.id);
    this.close();
  }

  /** A packet the limits refused: announced and answered (see limits/refusal.ts). */
  private refuse(packet: Packet, refusal: Refusal): void {
    const extras = this.more();
    extras.refusing ??= {
      request: this.request,
      socketOf: (nsp) => this.socketOf(nsp),
      sockets: () => this.allSockets(),
      write: (packet) => this.write(packet),
      closeAll: () => this[closeAll](),
    };
    answerRefusal(extras.refusing, this.host, packet, refusal);
  }

  /** @internal encodes and writes one packet */
  [writePacket](packet: Packet, flags: BroadcastFlags = NO_FLAGS): void {
    // a handler answering a client request: one fewer owed (limits.pendingAcks)
    if (this.limiter !== undefined && packet.type === PacketType.ACK) this.limiter.answered();
    this.write(packet, flags);
  }

  private write(packet: Packet, flags: BroadcastFlags = NO_FLAGS): void {
    if (!this.isOpen) return;
    const options = sendOptions(flags);
    for (const part of this.host.encode(packet))
      this.session.send(part as string | BinaryData, options);
  }

  /** @internal writes frames prepared once for every recipient of a broadcast */
  [writePrepared](parts: readonly PreparedMessage[], options: SendOptions): void {
    if (!this.isOpen) return;
    for (let i = 0; i < parts.length; i++) this.session.send(parts[i]!, options);
  }

  /** @internal a socket left its namespace */
  [removeSocket](socket: ClientSocket): void {
    const name = socket.nsp.name;
    if ((this.socketOf(name) as object | undefined) !== socket) return;
    const extras = this.more();
    if ((this.firstSocket as object | undefined) === socket) this.firstSocket = undefined;
    else extras.otherSockets?.delete(name);
    extras.left ??= new Set();
    extras.left.add(name);
  }

  /** @internal disconnects every namespace, then closes the session */
  [closeAll](): void {
    for (const socket of this.allSockets()) socket.disconnect();
    this.clearSockets();
    this.closing = true;
    // let the DISCONNECT packets reach the client before the close packet, so it sees
    // "io server disconnect" (and does not reconnect) rather than "transport close"
    if (!this.closed && this.session.readyState === "open" && this.session.bufferedBytes > 0) {
      const extras = this.more();
      extras.closeNow ??= () => this.close();
      this.session.once("drain", extras.closeNow);
    } else this.close();
  }

  /** Closes the session from the server side ("forced server close"). */
  close(): void {
    if (this.closed) return;
    if (this.session.readyState === "open") this.session.close("forced close");
    this.onClose("forced server close");
  }

  /**
   * Closes the session for a protocol violation. The engine closes it as a server close, which
   * delivers what is queued and a close packet first (as socket.io does), so the client learns
   * the session ended instead of meeting "Session ID unknown"; the sockets see `reason`.
   */
  private closeWith(reason: "parse error", description?: string): void {
    if (this.closed) return;
    const open = this.session.readyState === "open";
    this.onClose(reason, description); // first: the session's own "close" must not win
    if (open) this.session.close("forced close", description);
  }

  private onClose(reason: DisconnectReason | string, description?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    if (this.session.owner === this) this.session.owner = undefined;
    const extras = this.extras;
    extras?.parsing?.destroy();
    if (extras?.closeNow) this.session.off("drain", extras.closeNow);
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const sockets = this.allSockets();
    this.clearSockets();
    this.host.log?.("client %s closed: %s", this.id, reason);
    for (const socket of sockets) socket[onClose](reason as DisconnectReason, description);
  }
}
