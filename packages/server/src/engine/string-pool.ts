/**
 * A bounded pool of shared strings for what sessions keep from their handshake request.
 *
 * Why: Node's HTTP parser makes a new string for every header value of every request, and a
 * session keeps its request's headers for its whole life. Most values repeat across clients
 * (`Host`, `Upgrade: websocket`, `Sec-WebSocket-Version: 13`, the extensions offer, the URL
 * of a direct WebSocket handshake, browsers' `User-Agent` and `Accept-Language`), so keeping
 * one copy of each saves about 0.1 KB per idle connection in the benchmark and more behind
 * browsers. Bounded: values longer than {@link MAX_POOLED_LENGTH} are kept as they are, and
 * the pool is emptied when it reaches {@link MAX_POOLED_STRINGS} entries, so nothing a client
 * sends can grow it. Callers leave out what is unique or secret (request-snapshot.ts: the
 * WebSocket key, cookies, credentials, polling URLs), which would only churn it.
 */

/** Longest string worth pooling. */
export const MAX_POOLED_LENGTH = 256;
/** Entries after which the pool starts over. */
export const MAX_POOLED_STRINGS = 1024;

const pool = new Map<string, string>();

/** The pooled copy of `value` (equal to it), or `value` itself. */
export function pooled(value: string): string {
  if (value.length > MAX_POOLED_LENGTH) return value;
  const shared = pool.get(value);
  if (shared !== undefined) return shared;
  if (pool.size >= MAX_POOLED_STRINGS) pool.clear();
  pool.set(value, value);
  return value;
}
