/**
 * `serveClient`: the browser client at `<path>socket.io.js`, `socket.io.min.js`,
 * `socket.io.esm.min.js`, `socket.io.msgpack.min.js` (with `@volley/msgpack-parser` as its
 * default parser) and their `.map` files (the names socket.io serves), read from the
 * installed `@volley/client` package (`@volley/client/browser/*`, built by its
 * `bundle:browser` script). Each file is read once, then answered from memory with a strong
 * ETag (304 on a matching `If-None-Match`, weak or strong), `Cache-Control: public, max-age=0`
 * like socket.io (the browser revalidates, so an upgraded server is picked up at once),
 * compressed with br, gzip or deflate when accepted (each encoding made once, on first use),
 * and the CORS headers of the engine's `cors` option for an allowed Origin (a module script is
 * fetched in CORS mode). Without `@volley/client` installed every file is a 404 and the engine
 * log says why, once.
 */

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { brotliCompress, deflate, gzip } from "node:zlib";
import Negotiator from "negotiator";
import type { ScopedLog } from "../logger.js";

/** The files served, with their content type. */
const FILES: Readonly<Record<string, string>> = {
  "socket.io.js": "application/javascript; charset=utf-8",
  "socket.io.min.js": "application/javascript; charset=utf-8",
  "socket.io.esm.min.js": "application/javascript; charset=utf-8",
  "socket.io.js.map": "application/json; charset=utf-8",
  "socket.io.min.js.map": "application/json; charset=utf-8",
  "socket.io.esm.min.js.map": "application/json; charset=utf-8",
  "socket.io.msgpack.min.js": "application/javascript; charset=utf-8",
  "socket.io.msgpack.min.js.map": "application/json; charset=utf-8",
};

type Encoding = "br" | "gzip" | "deflate";
const ENCODINGS: Encoding[] = ["br", "gzip", "deflate"];

function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, out: Buffer): void => (err ? reject(err) : resolve(out));
    if (encoding === "br") brotliCompress(body, done);
    else if (encoding === "gzip") gzip(body, { level: 9 }, done);
    else deflate(body, { level: 9 }, done);
  });
}

/** One file, loaded; its compressed forms are made on first use. */
class ClientFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(body: Buffer, type: string) {
    this.body = body;
    this.type = type;
    this.etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
  }

  /** The body in `encoding` (the plain body if compressing fails). */
  encode(encoding: Encoding): Promise<Buffer> {
    let out = this.encoded.get(encoding);
    if (out === undefined) {
      out = compress(this.body, encoding).catch(() => this.body);
      this.encoded.set(encoding, out);
    }
    return out;
  }

  /** Whether an `If-None-Match` value names this file (`*`, or its ETag, weak or not, in a list). */
  matches(ifNoneMatch: string | undefined): boolean {
    if (ifNoneMatch === undefined) return false;
    for (const tag of ifNoneMatch.split(",")) {
      const t = tag.trim();
      if (t === "*" || (t.startsWith("W/") ? t.slice(2) : t) === this.etag) return true;
    }
    return false;
  }
}

/** Adds the CORS headers of an allowed Origin (the engine's `cors` option), maybe later. */
export type ClientFileCors = (
  req: IncomingMessage,
  res: ServerResponse,
) => undefined | Promise<void>;

const require = createRequire(import.meta.url);

async function load(name: string, type: string): Promise<ClientFile> {
  const file = require.resolve(`@volley/client/browser/${name}`);
  return new ClientFile(await readFile(file), type);
}

/** Serves the client files under one engine path. */
export class ClientFiles {
  private readonly path: string;
  private readonly log: ScopedLog | undefined;
  private readonly cors: ClientFileCors | undefined;
  private readonly loaded = new Map<string, Promise<ClientFile | undefined>>();
  private missingLogged = false;

  /** `path`: the engine path, ending with `/`. */
  constructor(path: string, log: ScopedLog | undefined, cors?: ClientFileCors) {
    this.path = path;
    this.log = log;
    this.cors = cors;
  }

  /**
   * Answer `req` when it asks for a client file (GET or HEAD of `<path><file>`, any query);
   * returns false, touching nothing, for every other request.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "";
    const path = this.path;
    if (!url.startsWith(path) || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const q = url.indexOf("?");
    const name = url.slice(path.length, q === -1 ? url.length : q);
    const type = FILES[name];
    if (type === undefined) return false;
    let file = this.loaded.get(name);
    if (file === undefined) {
      file = load(name, type).catch((err: unknown) => {
        this.loaded.delete(name); // try again later: the package may be built meanwhile
        this.reportMissing(err);
        return undefined;
      });
      this.loaded.set(name, file);
    }
    const cors = this.cors?.(req, res);
    Promise.all([file, cors])
      .then(([loaded]) => this.answer(req, res, loaded))
      .catch((err: unknown) => {
        this.log?.("serveClient: %o", err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    return true;
  }

  private async answer(
    req: IncomingMessage,
    res: ServerResponse,
    file: ClientFile | undefined,
  ): Promise<void> {
    if (res.destroyed || res.headersSent) return;
    if (file === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("The Volley browser client is not installed (add @volley/client)");
      return;
    }
    const headers: Record<string, string | number> = {
      "Content-Type": file.type,
      "Cache-Control": "public, max-age=0",
      ETag: file.etag,
      Vary: "Accept-Encoding",
    };
    if (file.matches(req.headers["if-none-match"])) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const encoding =
      req.headers["accept-encoding"] === undefined
        ? undefined
        : (new Negotiator(req).encoding(ENCODINGS) as Encoding | undefined);
    const body =
      encoding !== undefined && ENCODINGS.includes(encoding)
        ? await file.encode(encoding)
        : file.body;
    if (res.destroyed || res.headersSent) return;
    if (body !== file.body && encoding !== undefined) headers["Content-Encoding"] = encoding;
    headers["Content-Length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private reportMissing(err: unknown): void {
    if (this.missingLogged) return;
    this.missingLogged = true;
    this.log?.(
      "serveClient: cannot read the browser client from @volley/client (%s); answering 404",
      err instanceof Error ? err.message : String(err),
    );
  }
}
