/**
 * The optional `io` session cookie (engine.io's `cookie` option): lets sticky-session load
 * balancers route a session's requests to the process that owns it.
 */

import type { CookieOptions } from "./options.js";

/** `Set-Cookie` value for a session, or undefined when the cookie is off. */
export function sessionCookie(option: boolean | CookieOptions, sid: string): string | undefined {
  if (option === false) return undefined;
  const opts: CookieOptions = option === true ? {} : option;
  let cookie = `${opts.name ?? "io"}=${encodeURIComponent(sid)}; Path=${opts.path ?? "/"}`;
  if (opts.domain) cookie += `; Domain=${opts.domain}`;
  if (opts.maxAge !== undefined) cookie += `; Max-Age=${Math.floor(opts.maxAge)}`;
  if (opts.httpOnly ?? true) cookie += "; HttpOnly";
  if (opts.secure) cookie += "; Secure";
  const sameSite = opts.sameSite ?? "lax";
  cookie += `; SameSite=${sameSite[0]!.toUpperCase()}${sameSite.slice(1)}`;
  return cookie;
}
