// A TCP proxy for tests: forwards connections to one backend port that can be changed, or
// refuses them (route(null)); dropAll() cuts every open connection, as a failing load
// balancer or network would. Clients then reconnect wherever the proxy routes them.
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  url: string;
  route(port: number | null): void;
  dropAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(initial: number | null): Promise<TcpProxy> {
  let target = initial;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (target === null) {
      client.destroy();
      return;
    }
    const upstream = connect(target, "127.0.0.1");
    const pair = [client, upstream];
    const cleanup = (): void => {
      for (const socket of pair) {
        socket.destroy();
        open.delete(socket);
      }
    };
    for (const socket of pair) {
      open.add(socket);
      socket.on("error", cleanup);
      socket.on("close", cleanup);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    route: (next) => {
      target = next;
    },
    dropAll: () => {
      for (const socket of [...open]) socket.destroy();
      open.clear();
    },
    close: async () => {
      for (const socket of [...open]) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}
