/**
 * A message packet prepared once for many sessions (one broadcast). It is itself the queued
 * packet (no per-recipient allocation), and it builds its wire forms on first use and caches
 * them: the WebSocket frame (`"4"+text` UTF-8 encoded and framed once) and the polling segment.
 * Every recipient then writes the very same Buffer, so fan-out to N sockets costs one encoding
 * and one frame instead of N. Sessions whose WebSocket cannot share raw frames (permessage-
 * deflate, or `ws` still holding queued sends) fall back to `ws.send` with `data` — see
 * websocket.ts. The SSE transport wraps the text form in its event syntax per write.
 */

import { type BinaryData, encodePollingPacket } from "@volley/protocol";
import * as ws from "ws";
import { toBuffer } from "./to-buffer.js";
import { textFrame } from "./transports/text-frame.js";
import type { OutboundPacket } from "./transports/transport.js";

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}

/** `ws`'s frame builder (public in `ws`, missing from @types/ws). */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
};

/** Server frames are never masked; `readOnly` tells `ws` not to copy or modify the payload. */
const BINARY_FRAME: FrameOptions = {
  fin: true,
  opcode: 2,
  mask: false,
  readOnly: true,
  rsv1: false,
};

/** Binary payloads up to this size are merged with their header: one Buffer, one iovec per write. */
const MERGE_LIMIT = 16 * 1024;

/**
 * One message for many sessions.
 *
 * @example
 * const message = new PreparedMessage('2["tick",1]');
 * for (const session of sessions) session.send(message);
 */
export class PreparedMessage implements OutboundPacket {
  readonly type = "message" as const;
  readonly data: string | BinaryData;
  /** Per-message compression flag (only used by sessions that fall back to `ws.send`). */
  readonly compress: boolean | undefined;
  /** Size for send-buffer accounting, counted exactly as `session.send(data)` counts it. */
  readonly size: number;
  private frames: readonly Buffer[] | undefined;
  private segment: string | undefined;

  constructor(data: string | BinaryData, compress?: boolean) {
    this.data = data;
    this.compress = compress;
    this.size = typeof data === "string" ? data.length : data.byteLength;
  }

  /**
   * The complete WebSocket frame (header then payload), built on first use and then shared: the
   * WebSocket transport writes these very Buffers to every recipient.
   */
  wsFrames(): readonly Buffer[] {
    if (this.frames === undefined) {
      const data = this.data;
      if (typeof data === "string") {
        this.frames = [textFrame(`4${data}`)];
      } else {
        const payload = toBuffer(data);
        const parts = Sender.frame(payload, BINARY_FRAME);
        this.frames =
          parts.length === 2 && payload.length <= MERGE_LIMIT ? [Buffer.concat(parts)] : parts;
      }
    }
    return this.frames;
  }

  /**
   * The text form of the packet (`4text`, or `b<base64>` for binary), as polling bodies and SSE
   * events carry it; built on first use and then shared.
   */
  pollingSegment(): string {
    this.segment ??= encodePollingPacket(this);
    return this.segment;
  }
}
