// Compiled by declarations.test.ts with only what npm installs for @volley/server/engine.
import { createServer } from "node:http";
import {
  type EngineOptions,
  EngineServer,
  type EngineSession,
  type OutboundPacket,
  PreparedMessage,
  resolveEngineOptions,
  TRANSPORTS,
  type Transport,
  type TransportDefinition,
} from "@volley/server/engine";

const options: Partial<EngineOptions> = {
  transports: ["polling", "sse"],
  logger: (scope, message, ...args) => console.log(scope, message, ...args),
};
const engine = new EngineServer(options);
engine.attach(createServer());
const packet: OutboundPacket = new PreparedMessage("x");
engine.on("connection", (session: EngineSession) => {
  session.send(new PreparedMessage("hello"), { volatile: true });
  session.on("upgrade", (name) => console.log(name, packet));
});
const definitions: readonly TransportDefinition[] = TRANSPORTS;
const name: string | undefined = definitions[0]?.name;
const transport: Transport | undefined = undefined;
console.log(resolveEngineOptions({ pingInterval: 1 }).path, name, transport);
