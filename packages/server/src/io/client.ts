/**
 * One engine session seen by the io layer: it owns the Socket.IO Decoder, routes packets to the
 * socket of their namespace, answers CONNECT (at most one socket per namespace), closes a
 * session that joins no namespace within `connectTimeout`, and turns bad input into a clean
 * "parse error" close for this session only.
 */
import type { IncomingMessage } from "node:http";
import {
  type BinaryData,
  Decoder,
  type EncodedPacket,
  encodePacket,
  type Packet,
  PacketType,
} from "@volley/protocol";
import type { EngineSession } from "../engine/index.js";
import type { BroadcastFlags } from "./adapter.js";
import type { DisconnectReason } from "./errors.js";
import type { Server } from "./server.js";
import type { Socket } from "./socket.js";

type SendOptions = { volatile?: boolean; compress?: boolean };
const SEND_DEFAULT: SendOptions = Object.freeze({ compress: true });
const SEND_VOLATILE: SendOptions = Object.freeze({ volatile: true, compress: true });
const SEND_UNCOMPRESSED: SendOptions = Object.freeze({ compress: false });
const SEND_VOLATILE_UNCOMPRESSED: SendOptions = Object.freeze({ volatile: true, compress: false });

function sendOptions(flags: BroadcastFlags): SendOptions {
  if (flags.volatile) return flags.compress === false ? SEND_VOLATILE_UNCOMPRESSED : SEND_VOLATILE;
  return flags.compress === false ? SEND_UNCOMPRESSED : SEND_DEFAULT;
}

/** The Socket.IO side of one engine session, shared by its namespaces. */
export class Client {
  /** The engine session id (never shown as a socket id). */
  readonly id: string;
  readonly session: EngineSession;
  /** The peer address, captured when the session opened. */
  readonly remoteAddress: string;
  private readonly server: Server;
  private readonly decoder = new Decoder();
  /** Connected socket per namespace name. */
  private readonly sockets = new Map<string, Socket>();
  /** Namespaces whose CONNECT is being handled (middlewares running). */
  private readonly connecting = new Set<string>();
  /** Namespaces this client was connected to (packets racing a disconnect are ignored). */
  private readonly joined = new Set<string>();
  private connectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** disconnect(true) is waiting for its DISCONNECT packets to flush: accept nothing more */
  private closing = false;

  constructor(server: Server, session: EngineSession) {
    this.server = server;
    this.session = session;
    this.id = session.id;
    this.remoteAddress = session.request.socket?.remoteAddress ?? "";
    session.on("message", this.onMessage);
    session.on("close", this.onClose);
    this.connectTimer = setTimeout(this.onConnectTimeout, server.opts.connectTimeout);
  }

  /** The HTTP request that opened the session. */
  get request(): IncomingMessage {
    return this.session.request;
  }

  /** Whether packets can still be written. */
  get isOpen(): boolean {
    return !this.closed && !this.closing && this.session.readyState === "open";
  }

  private readonly onMessage = (data: string | Buffer): void => {
    let packet: Packet | undefined;
    try {
      packet = this.decoder.add(data);
    } catch {
      this.closeWith("parse error");
      return;
    }
    if (!packet) return;
    try {
      this.onPacket(packet);
    } catch (err) {
      // a safety net: nothing thrown while handling one packet may reach the engine
      this.server._reportError(err);
    }
  };

  private onPacket(packet: Packet): void {
    if (this.closing) return;
    const name = packet.nsp;
    if (packet.type === PacketType.CONNECT) {
      // a CONNECT flood creates at most one socket per namespace
      if (this.sockets.has(name) || this.connecting.has(name)) return;
      this.connect(name, (packet.data as Record<string, unknown> | undefined) ?? {});
      return;
    }
    if (packet.type === PacketType.CONNECT_ERROR) {
      this.closeWith("parse error");
      return;
    }
    const socket = this.sockets.get(name);
    if (socket) {
      socket._onpacket(packet);
      return;
    }
    // in flight around a connect or a disconnect: ignore; a namespace never joined: refuse
    if (this.connecting.has(name) || this.joined.has(name)) return;
    this.closeWith("parse error");
  }

  private connect(name: string, auth: Record<string, unknown>): void {
    this.connecting.add(name);
    this.server._resolveNamespace(name, auth, (nsp) => {
      if (!this.isOpen) return;
      if (!nsp) {
        this.connecting.delete(name);
        this._packet({
          type: PacketType.CONNECT_ERROR,
          nsp: name,
          data: { message: "Invalid namespace" },
        });
        return;
      }
      void nsp._add(
        this,
        auth,
        (socket) => {
          this.connecting.delete(name);
          this.sockets.set(name, socket as unknown as Socket);
          this.joined.add(name);
          if (this.connectTimer) clearTimeout(this.connectTimer);
          this.connectTimer = undefined;
        },
        () => this.connecting.delete(name),
      );
    });
  }

  private readonly onConnectTimeout = (): void => {
    this.connectTimer = undefined;
    if (this.sockets.size === 0) this.close();
  };

  /** @internal encodes and writes one packet */
  _packet(packet: Packet, flags: BroadcastFlags = SEND_DEFAULT): void {
    if (!this.isOpen) return;
    this._writeToEngine(encodePacket(packet), flags);
  }

  /** @internal writes an already encoded packet (the same frames for every broadcast recipient) */
  _writeToEngine(encoded: EncodedPacket, flags: BroadcastFlags): void {
    if (!this.isOpen) return;
    const options = sendOptions(flags);
    for (const part of encoded) this.session.send(part as string | BinaryData, options);
  }

  /** @internal a socket left its namespace */
  _remove(socket: { readonly nsp: { readonly name: string } }): void {
    if ((this.sockets.get(socket.nsp.name) as object | undefined) === socket) {
      this.sockets.delete(socket.nsp.name);
    }
  }

  /** @internal disconnects every namespace, then closes the session */
  _disconnect(): void {
    for (const socket of [...this.sockets.values()]) socket.disconnect();
    this.sockets.clear();
    this.closing = true;
    // let the DISCONNECT packets reach the client before the close packet, so it sees
    // "io server disconnect" (and does not reconnect) rather than "transport close"
    if (!this.closed && this.session.readyState === "open" && this.session.bufferedBytes > 0)
      this.session.once("drain", this.closeNow);
    else this.close();
  }

  private readonly closeNow = (): void => this.close();

  /** Closes the session from the server side ("forced server close"). */
  close(): void {
    if (this.closed) return;
    if (this.session.readyState === "open") this.session.close("forced close");
    this.onClose("forced server close");
  }

  private closeWith(reason: "parse error"): void {
    if (this.closed) return;
    this.session.close(reason);
    this.onClose(reason);
  }

  private readonly onClose = (reason: DisconnectReason | string, description?: unknown): void => {
    if (this.closed) return;
    this.closed = true;
    this.session.off("message", this.onMessage);
    this.session.off("close", this.onClose);
    this.session.off("drain", this.closeNow);
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    for (const socket of sockets) socket._onclose(reason as DisconnectReason, description);
  };
}
