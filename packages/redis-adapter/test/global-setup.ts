// Builds this package before the suite: the cluster nodes are separate Node processes that
// import dist/ (and @volley/server's dist/). Only this package is compiled when the server is
// already built, so a server change in progress elsewhere does not block these tests.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));
  const serverBuilt = existsSync(
    fileURLToPath(new URL("../../server/dist/index.js", import.meta.url)),
  );
  execFileSync(process.execPath, [tsc, serverBuilt ? "-p" : "-b", root], { stdio: "inherit" });
}
