// Builds this package before the suite: the cluster tests run nodes as separate Node processes
// that import dist/ (and @volley/server's, @volley/redis-adapter's dist/).
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const tsc = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));
  execFileSync(process.execPath, [tsc, "-b", root], { stdio: "inherit" });
}
