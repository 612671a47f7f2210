/**
 * A server-to-client WebSocket text frame (FIN, unmasked) built in one Buffer: header and UTF-8
 * payload in a single allocation, written with one `socket.write`. `ws.send` writes a header
 * and a payload separately (two chunks, so a writev); for the small packets of acks and events
 * one chunk is cheaper. Only used where `ws` would write the very same bytes (no extension).
 */

/** Frame `text` (already the Engine.IO packet, e.g. `"4" + data`) as one unmasked text frame. */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(text, headerLength, "utf8");
  return frame;
}
