// The smallest load balancer that HTTP long-polling needs: a new session (no `sid` in the
// query) goes round-robin to a backend, the proxy reads the sid from the handshake answer and
// sends every later request of that sid (polls, posts, the WebSocket upgrade) to the same one.
import { once } from "node:events";
import { createServer, request } from "node:http";
import { connect } from "node:net";

export interface StickyProxy {
  url: string;
  /** sid -> backend port, as learned from handshakes. */
  sessions: Map<string, number>;
  close(): Promise<void>;
}

export async function startStickyProxy(backends: number[]): Promise<StickyProxy> {
  const sessions = new Map<string, number>();
  let turn = 0;
  const pick = (url: string | undefined): { port: number; fresh: boolean } => {
    const sid = new URL(url ?? "/", "http://x").searchParams.get("sid");
    const known = sid ? sessions.get(sid) : undefined;
    if (known !== undefined) return { port: known, fresh: false };
    return { port: backends[turn++ % backends.length]!, fresh: sid === null };
  };
  const server = createServer((req, res) => {
    const { port, fresh } = pick(req.url);
    const upstream = request(
      { host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!fresh) {
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          const sid = /"sid":"([^"]+)"/.exec(body.toString())?.[1];
          if (sid) sessions.set(sid, port);
          res.end(body);
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("upgrade", (req, socket, head) => {
    const { port } = pick(req.url);
    const upstream = connect(port, "127.0.0.1", () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const cleanup = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", cleanup);
    socket.on("error", cleanup);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    sessions,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
