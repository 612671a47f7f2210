/**
 * The engine's own query parameters (`EIO`, `transport`, `sid`) from a request URL, read by a
 * small hand-written scanner: it runs on every handshake and every polling request, where
 * `new URLSearchParams` (which builds a list of every pair) showed up in profiles. Semantics
 * match `URLSearchParams#get` (the first occurrence is the value, and a repeated engine parameter
 * is reported in `duplicate`), `+` is a space, percent-escapes are
 * decoded and a malformed escape is kept as is.
 */

/** Parsed engine query of one request (`null` when absent). */
export interface EngineQuery {
  eio: string | null;
  transport: string | null;
  sid: string | null;
  /**
   * The first engine parameter given more than once (`?transport=polling&transport=websocket`),
   * else `null`. Such a request is ambiguous (proxies and the engine may read different values)
   * and is refused before any session is looked at.
   */
  duplicate: "EIO" | "transport" | "sid" | null;
}

function decode(text: string): string {
  if (text.indexOf("%") === -1 && text.indexOf("+") === -1) return text;
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    // URLSearchParams keeps malformed escapes byte for byte; decode what is well formed
    return spaced.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Read `EIO`, `transport` and `sid` from a request URL. */
export function parseEngineQuery(url: string): EngineQuery {
  const query: EngineQuery = { eio: null, transport: null, sid: null, duplicate: null };
  const q = url.indexOf("?");
  if (q === -1) return query;
  const end = url.length;
  let start = q + 1;
  while (start < end) {
    let amp = url.indexOf("&", start);
    if (amp === -1) amp = end;
    const eq = url.indexOf("=", start);
    const hasValue = eq !== -1 && eq < amp;
    const key = decode(url.slice(start, hasValue ? eq : amp));
    if (key === "EIO" || key === "transport" || key === "sid") {
      const field = key === "EIO" ? "eio" : key;
      if (query[field] === null) query[field] = hasValue ? decode(url.slice(eq + 1, amp)) : "";
      else query.duplicate ??= key;
    }
    start = amp + 1;
  }
  return query;
}
