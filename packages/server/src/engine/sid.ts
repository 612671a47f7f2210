/**
 * Session and socket ids: 15 random bytes from `crypto.randomBytes`, base64url-encoded to 20
 * characters (the length of engine.io's ids), so they are unguessable and safe in a query
 * string. The bytes come from a pool refilled 256 ids at a time (as engine.io's base64id
 * does): one `randomBytes` call per 256 connections instead of one or two per connection.
 * Every byte is used once.
 */

import { randomBytes } from "node:crypto";

const ID_BYTES = 15;
const POOL_BYTES = ID_BYTES * 256;

let pool = Buffer.alloc(0);
let offset = 0;

/** A fresh, unguessable 20-character id. */
export function generateSid(): string {
  if (offset === pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString("base64url", offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}
