/**
 * `httpCompression` for long-polling answers, as engine.io does: a body of at least `threshold`
 * bytes is compressed with gzip or deflate when the request's `Accept-Encoding` allows one
 * (negotiated with `negotiator`, the parser express and engine.io use, q-values included),
 * through Node's zlib on its thread pool. Only bodies that carry a packet sent with
 * compression allowed (the default) are compressed.
 */

import type { IncomingMessage } from "node:http";
import { deflate, gzip, type ZlibOptions } from "node:zlib";
import Negotiator from "negotiator";

const ENCODINGS = ["gzip", "deflate"];

/**
 * Compression of long-polling responses (engine.io's `httpCompression`): a response body of at
 * least `threshold` bytes is gzip- or deflate-compressed when the request accepts it. Other
 * fields are Node zlib options (`level`, `memLevel`, …).
 */
export interface HttpCompressionOptions {
  /** Smallest body compressed, in bytes. Default 1024. */
  threshold?: number;
  /** zlib compression level (0–9). Default zlib's (6). */
  level?: number;
  /** zlib memory level (1–9). Default zlib's (8). */
  memLevel?: number;
  /** zlib chunk size in bytes. */
  chunkSize?: number;
  /** zlib window bits (9–15). */
  windowBits?: number;
}

/** The settings a polling transport compresses with (resolved once per engine). */
export interface PollingCompression {
  readonly threshold: number;
  readonly zlib: ZlibOptions;
}

/** Resolve the `httpCompression` option; undefined when compression is off. */
export function pollingCompression(
  option: false | HttpCompressionOptions,
): PollingCompression | undefined {
  if (option === false) return undefined;
  const { threshold = 1024, ...zlib } = option;
  return Object.freeze({ threshold, zlib: Object.freeze(zlib) });
}

/** The encoding to answer `req` with, or undefined for none. */
export function acceptedEncoding(req: IncomingMessage): "gzip" | "deflate" | undefined {
  if (req.headers["accept-encoding"] === undefined) return undefined;
  const encoding = new Negotiator(req).encoding(ENCODINGS);
  return encoding === "gzip" || encoding === "deflate" ? encoding : undefined;
}

/** Compress `body` with `encoding`; `done` gets the compressed bytes or the zlib error. */
export function compressBody(
  body: string,
  encoding: "gzip" | "deflate",
  options: ZlibOptions,
  done: (err: Error | null, data: Buffer) => void,
): void {
  if (encoding === "gzip") gzip(body, options, done);
  else deflate(body, options, done);
}
