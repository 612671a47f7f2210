/**
 * `serveClient`: the browser client at `<path>socket.io.js`, `socket.io.min.js`,
 * `socket.io.esm.min.js` and their `.map` files (the names socket.io serves), read from the
 * installed `@volley/client` package (`@volley/client/browser/*`, built by its
 * `bundle:browser` script). Each file is read once, then answered from memory with a strong
 * ETag (304 on `If-None-Match`), `Cache-Control: public, max-age=0` like socket.io (the
 * browser revalidates, so an upgraded server is picked up at once), and gzip when accepted.
 * Without `@volley/client` installed every file is a 404 and the engine log says why, once.
 */

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { gzip } from "node:zlib";
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
};

/** One file, loaded. */
interface ClientFile {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
  readonly type: string;
}

const require = createRequire(import.meta.url);

function gzipped(body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    gzip(body, { level: 9 }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}

async function load(name: string, type: string): Promise<ClientFile> {
  const file = require.resolve(`@volley/client/browser/${name}`);
  const body = await readFile(file);
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, gzipped: await gzipped(body), etag, type };
}

/** Serves the client files under one engine path. */
export class ClientFiles {
  private readonly path: string;
  private readonly log: ScopedLog | undefined;
  private readonly loaded = new Map<string, Promise<ClientFile | undefined>>();
  private missingLogged = false;

  /** `path`: the engine path, ending with `/`. */
  constructor(path: string, log: ScopedLog | undefined) {
    this.path = path;
    this.log = log;
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
    void file.then((loaded) => this.answer(req, res, loaded));
    return true;
  }

  private answer(req: IncomingMessage, res: ServerResponse, file: ClientFile | undefined): void {
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
    if (req.headers["if-none-match"] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const gz =
      req.headers["accept-encoding"] !== undefined &&
      new Negotiator(req).encoding(["gzip"]) === "gzip";
    const body = gz ? file.gzipped : file.body;
    if (gz) headers["Content-Encoding"] = "gzip";
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
