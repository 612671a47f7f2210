#!/usr/bin/env node
// Runs socket.io's own test suites (vendored unchanged under upstream/) against Volley:
// the server suite with @volley/server as the server under test, the client suite with
// @volley/client as the client under test (its fixture is the official socket.io server on
// port 3210, as upstream has it). Prints `N passed, N failed` per suite and the failing titles,
// and compares them with expected-failures.json: exits non-zero on an unexpected failure or an
// unexpected pass, so the list stays true (an entry whose reason starts "flaky:" may do either).
//
//   node run.mjs                 both suites against Volley
//   node run.mjs --official      both suites against socket.io / socket.io-client (the baseline)
//   node run.mjs --suite server  one suite (server | client)
//   node run.mjs --grep <regex>  only matching tests (no comparison with the list)
//   node run.mjs --smoke         the short subset `pnpm test` runs (smoke.json)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const mocha = join(here, "node_modules", ".bin", "mocha");

/** The upstream suites, as their package.json runs them, minus what cannot run here. */
const SUITES = {
  server: {
    dir: join(here, "upstream", "server"),
    // test/index.ts in this order, without uws.ts (needs uWebSockets.js, a GitHub-only build)
    // and v2-compatibility.ts (needs socket.io-client v2; Volley speaks protocol v5 only).
    files: [
      "server-attachment",
      "handshake",
      "close",
      "namespaces",
      "socket",
      "messaging-many",
      "middleware",
      "socket-middleware",
      "socket-timeout",
      "utility-methods",
      "connection-state-recovery",
    ],
    args: ["--timeout", "10000", "--slow", "200"],
  },
  client: {
    dir: join(here, "upstream", "client"),
    // test/index.ts without url.ts, which imports the official build's internals.
    files: ["connection", "socket", "node", "connection-state-recovery", "retry"],
    args: ["--require", "test/support/hooks.ts"],
    fixturePort: 3210,
  },
};

const { values } = parseArgs({
  options: {
    official: { type: "boolean", default: false },
    suite: { type: "string" },
    grep: { type: "string" },
    smoke: { type: "boolean", default: false },
  },
});
const target = values.official ? "official" : "volley";
const expected = JSON.parse(readFileSync(join(here, "expected-failures.json"), "utf8"));
const smoke = values.smoke ? JSON.parse(readFileSync(join(here, "smoke.json"), "utf8")) : null;

/**
 * Upstream's fixtures big.json and big.jpg are large files outside the snapshot we vendor;
 * stand-ins of the same kind (a large JSON document, ~1 MB of binary below the default
 * maxHttpBufferSize of 1e6 once echoed) are generated on first run and ignored by git.
 */
function ensureBigFixtures() {
  const fixtures = join(SUITES.server.dir, "test", "fixtures");
  const json = join(fixtures, "big.json");
  if (!existsSync(json)) {
    const rows = Array.from({ length: 4000 }, (_, i) => ({
      id: i,
      name: `row ${i}`,
      tags: ["a", "b", "c"],
      nested: { value: i * 1.5, flag: i % 2 === 0 },
    }));
    writeFileSync(json, JSON.stringify({ rows }));
  }
  const jpg = join(fixtures, "big.jpg");
  if (!existsSync(jpg)) writeFileSync(jpg, randomBytes(600_000));
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** One occurrence-indexed key per test, since upstream repeats a few titles. */
function keyed(tests) {
  const seen = new Map();
  return tests.map((test) => {
    const n = (seen.get(test.fullTitle) ?? 0) + 1;
    seen.set(test.fullTitle, n);
    return { ...test, key: n === 1 ? test.fullTitle : `${test.fullTitle} #${n}` };
  });
}

/**
 * Runs one upstream test file in its own mocha process, so that a test which fails before
 * restoring what it patched (a fake clock) cannot fail every file after it.
 */
function runFile(suite, file, grep) {
  const out = mkdtempSync(join(tmpdir(), "socketio-suite-"));
  const report = join(out, "report.json");
  const args = [
    "--import=tsx",
    "--exit",
    ...suite.args,
    "--reporter",
    "json",
    "--reporter-option",
    `output=${report}`,
    ...(grep ? ["--grep", grep] : []),
    `test/${file}.ts`,
  ];
  const result = spawnSync(mocha, args, {
    cwd: suite.dir,
    env: { ...process.env, SOCKETIO_SUITE_TARGET: target },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(report)) {
    console.error(result.stdout, result.stderr);
    throw new Error(`mocha wrote no report for test/${file}.ts (exit ${result.status})`);
  }
  const data = JSON.parse(readFileSync(report, "utf8"));
  rmSync(out, { recursive: true, force: true });
  return data;
}

function runSuite(name) {
  const suite = SUITES[name];
  // the smoke subset: a few tests of a few files ({ file: [titles] } per suite)
  const files = smoke ? Object.keys(smoke[name]) : suite.files;
  const grep = values.grep ?? (smoke ? Object.values(smoke[name]).flat().join("|") : undefined);
  const started = Date.now();
  const data = { tests: [], failures: [], pending: [] };
  for (const file of files) {
    const part = runFile(suite, file, grep);
    data.tests.push(...part.tests);
    data.failures.push(...part.failures);
    data.pending.push(...part.pending);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);

  const tests = keyed(data.tests);
  const failedKeys = new Set();
  const messages = new Map();
  for (const test of tests) {
    if (test.err && Object.keys(test.err).length > 0) {
      failedKeys.add(test.key);
      messages.set(test.key, String(test.err.message ?? "").split("\n")[0]);
    }
  }
  // Failures that are not tests: hooks ("after each" …) and done() called twice.
  const extra = data.failures.filter((f) => !tests.some((t) => t.fullTitle === f.fullTitle));
  for (const failure of extra) {
    failedKeys.add(failure.fullTitle);
    messages.set(failure.fullTitle, String(failure.err?.message ?? "").split("\n")[0]);
  }
  const pending = tests.filter((t) => data.pending.some((p) => p.fullTitle === t.fullTitle));
  const passed = tests.length - pending.length - tests.filter((t) => failedKeys.has(t.key)).length;
  console.log(
    `\n${name} suite (${target}): ${passed} passed, ${failedKeys.size} failed` +
      `${pending.length ? `, ${pending.length} pending` : ""} (${seconds} s)`,
  );

  const wanted = expected[target]?.[name] ?? {};
  const unexpectedFailures = [];
  for (const key of failedKeys) {
    const reason = wanted[key];
    console.log(`  ${reason ? "expected  " : "UNEXPECTED"} ✗ ${key}`);
    if (reason) console.log(`               reason: ${reason}`);
    else {
      console.log(`               error: ${messages.get(key)}`);
      unexpectedFailures.push(key);
    }
  }
  const ran = new Set(tests.map((t) => t.key));
  const unexpectedPasses = grep
    ? []
    : Object.keys(wanted).filter(
        // a test listed as "flaky: …" may pass or fail
        (key) => ran.has(key) && !failedKeys.has(key) && !wanted[key].startsWith("flaky:"),
      );
  for (const key of unexpectedPasses)
    console.log(`  UNEXPECTED ✓ ${key} (remove it from the list)`);
  const missing = grep ? [] : Object.keys(wanted).filter((key) => !ran.has(key));
  for (const key of missing) console.log(`  UNKNOWN      ${key} (listed, but no such test ran)`);
  return {
    passed,
    failed: failedKeys.size,
    ok: unexpectedFailures.length === 0 && unexpectedPasses.length === 0 && missing.length === 0,
  };
}

const names = values.suite
  ? [values.suite]
  : Object.keys(SUITES).filter((name) => !smoke || Object.keys(smoke[name]).length > 0);
let ok = true;
for (const name of names) {
  if (!SUITES[name]) throw new Error(`unknown suite "${name}" (server | client)`);
  if (name === "server") ensureBigFixtures();
  const port = SUITES[name].fixturePort;
  if (port && !(await portIsFree(port))) {
    console.error(
      `port ${port} is in use: the client suite's fixture server (upstream's test/support/server.ts) needs it`,
    );
    process.exit(2);
  }
  ok = runSuite(name).ok && ok;
}
console.log(ok ? "\nsocket.io suites: as expected" : "\nsocket.io suites: NOT as expected");
process.exit(ok ? 0 : 1);
