#!/usr/bin/env node
// The `create-volley` bin (`npm create volley@latest my-app`): a thin wrapper around run().
import { run } from "./create.js";

process.exitCode = await run({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  log: (line) => console.log(line),
});
