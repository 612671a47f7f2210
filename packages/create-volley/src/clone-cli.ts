#!/usr/bin/env node
// `pnpm create-app <dir> [options]` at the root of a Volley clone (see the root package.json):
// packs this clone's @volley/* and scaffolds with them. Not part of the published bin.
import { runFromClone } from "./clone.js";

process.exitCode = await runFromClone({
  argv: process.argv.slice(2),
  env: process.env,
  // pnpm runs scripts from the repository root; INIT_CWD is where the command was typed.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  log: (line) => console.log(line),
});
