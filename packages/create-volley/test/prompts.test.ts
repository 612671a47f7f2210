// The interactive flow in-process: a fake terminal answers each question as it is asked.
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

/** Answers the questions in order, each once its prompt (ending in "): ") has been written. */
function terminal(answers: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let transcript = "";
  output.on("data", (chunk: Buffer) => {
    transcript += chunk;
    if (/\): $/.test(transcript)) {
      const answer = answers.shift();
      transcript = "";
      if (answer === undefined) input.end();
      else setImmediate(() => input.write(`${answer}\n`));
    }
  });
  return { input, output };
}

function ctx(io: ReturnType<typeof terminal>) {
  return { argv: [], env: {}, cwd, interactive: true, log: () => {}, ...io };
}

test("asks for the name, template, package manager and install", async () => {
  const io = terminal(["Bad Name", "my-game", "3", "pnpm", "n"]);
  const result = await plan(parseCliArgs([]), ctx(io));
  expect(result).toEqual({
    targetDir: join(cwd, "my-game"),
    name: "my-game",
    template: "game",
    pm: "pnpm",
    install: false,
  });
});

test("takes the defaults on empty answers and skips what flags answered", async () => {
  const io = terminal(["", ""]);
  const result = await plan(parseCliArgs(["--template", "chat", "--pm", "npm"]), ctx(io));
  expect(result).toMatchObject({ name: "volley-app", template: "chat", pm: "npm", install: true });
});

test("asks before writing into a non-empty directory; no means cancelled", async () => {
  mkdirSync(join(cwd, "full"));
  writeFileSync(join(cwd, "full", "x.txt"), "x");
  const error = await plan(parseCliArgs(["full"]), ctx(terminal(["n"]))).catch((e) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.CANCELLED);
  const accepted = await plan(parseCliArgs(["full"]), ctx(terminal(["y", "1", "1", "y"])));
  expect(accepted).toMatchObject({ name: "full", template: "minimal", pm: "npm", install: true });
});

test("Ctrl-D cancels with exit code 130", async () => {
  const error = await plan(parseCliArgs([]), ctx(terminal([]))).catch((e) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(ExitCode.CANCELLED);
});

test("--yes never asks", async () => {
  const result = await plan(parseCliArgs(["--yes"]), ctx(terminal([])));
  expect(result).toMatchObject({ name: "volley-app", template: "minimal", install: true });
});
