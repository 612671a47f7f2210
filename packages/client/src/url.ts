/**
 * Splits what `io(url)` gets into the Engine.IO origin, the namespace and the query, resolving
 * relative or missing URLs against `location` in browsers.
 */

export interface ParsedUrl {
  secure: boolean;
  /** `hostname[:port]`, IPv6 hosts bracketed. */
  host: string;
  /** `http(s)://host[:port]`: with the path, the key under which Managers are shared. */
  origin: string;
  /** The namespace: the URL's pathname, `/` by default. */
  nsp: string;
  query: Record<string, string>;
}

export function parseUrl(uri: string | undefined): ParsedUrl {
  const location = (globalThis as { location?: { href: string; protocol: string; host: string } })
    .location;
  const base = location?.href;
  // No URL: the page's origin, namespace "/" (never the page's own path); outside browsers
  // http://localhost, as engine.io-client has it.
  let text = uri ?? (location ? `${location.protocol}//${location.host}` : "http://localhost");
  if (text.startsWith("//")) text = `${base ? new URL(base).protocol : "https:"}${text}`;
  else if (!/^[a-z][a-z\d+.-]*:/i.test(text) && !text.startsWith("/")) text = `http://${text}`;
  const url = new URL(text, base);
  const secure = url.protocol === "https:" || url.protocol === "wss:";
  return {
    secure,
    host: url.host,
    origin: `${secure ? "https" : "http"}://${url.host}`,
    nsp: url.pathname || "/",
    query: Object.fromEntries(url.searchParams),
  };
}
