/**
 * Session ids: 15 random bytes from `crypto.randomBytes`, base64url-encoded to 20 characters
 * (the length of engine.io's ids), so they are unguessable and safe in a query string.
 */

import { randomBytes } from "node:crypto";

/** A fresh, unguessable 20-character session id. */
export function generateSid(): string {
  return randomBytes(15).toString("base64url");
}
