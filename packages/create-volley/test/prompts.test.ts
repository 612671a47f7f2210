// The interactive flow in-process, on @clack/prompts: a fake terminal types keys (arrows,
// Enter, Ctrl-C) once each question has been drawn.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, expect, test } from "vitest";
import { plan } from "../src/create.js";
import { CliError, ExitCode } from "../src/errors.js";
import { parseCliArgs } from "../src/options.js";

const cwd = mkdtempSync(join(tmpdir(), "create-volley-prompts-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const KEY = { enter: "\r", down: "\x1b[B", up: "\x1b[A", ctrlC: "\x03" } as const;

/**
 * A terminal that, each time the output shows `[question, keys]`'s question (in order), types
 * the keys. Questions are matched on their text, so a redraw never answers twice.
 */
function terminal(script: [question: string, keys: string[]][]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
    const next = script[0];
    if (!next || !screen.includes(next[0])) return;
    script.shift();
    screen = "";
    const keys = next[1];
    // One key per turn, as a person would: clack reads keypress events.
    const type = (i: number) => {
      if (i < keys.length) {
        input.write(keys[i]);
        setImmediate(() => type(i + 1));
      }
    };
    setImmediate(() => type(0));
  });
  return { input, output, left: () => script.map(([q]) => q) };
}

function ctx(io: ReturnType<typeof terminal>) {
  return { argv: [], env: {}, cwd, interactive: true, log: () => {}, ...io };
}

test("asks for the name, template (arrow keys), package manager and install", async () => {
  const io = terminal([
    ["Project name", [..."Bad Name", KEY.enter]],
    // The name is refused inline; erase it and type a good one.
    ["capital letters", [..."\x7f".repeat(8), ..."my-game", KEY.enter]],
    ["Template", [KEY.down, KEY.down, KEY.enter]],
    ["Package manager", [KEY.down, KEY.enter]],
    ["Install dependencies", ["n", KEY.enter]],
  ]);
  const result = await plan(parseCliArgs([]), ctx(io));
  expect(io.left()).toEqual([]);
  expect(result).toEqual({
    targetDir: join(cwd, "my-game"),
    name: "my-game",
    template: "game",
    pm: "pnpm",
    install: false,
  });
});

test("takes the defaults on Enter and skips what flags answered", async () => {
  const io = terminal([
    ["Project name", [KEY.enter]],
    ["Install dependencies", [KEY.enter]],
  ]);
  const result = await plan(parseCliArgs(["--template", "chat", "--pm", "npm"]), ctx(io));
  expect(result).toMatchObject({ name: "volley-app", template: "chat", pm: "npm", install: true });
});

test("asks before writing into a non-empty directory; no means cancelled", async () => {
  mkdirSync(join(cwd, "full"));
  writeFileSync(join(cwd, "full", "x.txt"), "x");
  const refused = terminal([["not empty", ["n", KEY.enter]]]);
  const error = await plan(parseCliArgs(["full"]), ctx(refused)).catch((e) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.CANCELLED);
  const accepted = terminal([
    ["not empty", ["y", KEY.enter]],
    ["Template", [KEY.enter]],
    ["Package manager", [KEY.enter]],
    ["Install dependencies", [KEY.enter]],
  ]);
  const result = await plan(parseCliArgs(["full"]), ctx(accepted));
  expect(result).toMatchObject({ name: "full", template: "minimal", pm: "npm", install: true });
});

test("Ctrl-C cancels with exit code 130", async () => {
  const io = terminal([["Template", [KEY.ctrlC]]]);
  const error = await plan(parseCliArgs(["cancelled-app"]), ctx(io)).catch((e) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.CANCELLED);
});

test("--yes never asks", async () => {
  const io = terminal([]);
  const result = await plan(parseCliArgs(["--yes"]), ctx(io));
  expect(result).toMatchObject({ name: "volley-app", template: "minimal", install: true });
});
