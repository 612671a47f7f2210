/**
 * The interactive questions, on @clack/prompts (arrow keys, inline validation). Used only when
 * stdin and stdout are a terminal and `--yes` was not given; cancelling (Ctrl-C, Escape) throws
 * CliError(CANCELLED), which the CLI turns into exit code 130.
 */
import type { Readable, Writable } from "node:stream";
import { confirm, isCancel, select, text } from "@clack/prompts";
import { CliError, ExitCode } from "./errors.js";

function answered<T>(value: T | symbol): T {
  if (isCancel(value)) throw new CliError("Cancelled.", ExitCode.CANCELLED);
  return value as T;
}

export class Prompter {
  private readonly streams: { input?: Readable; output?: Writable };

  /** Streams other than the process's stdin and stdout (tests drive a fake terminal). */
  constructor(input?: Readable, output?: Writable) {
    this.streams = { ...(input ? { input } : {}), ...(output ? { output } : {}) };
  }

  /** Asks for free text; an empty answer takes `fallback`; `check` returns a problem or undefined. */
  async text(
    question: string,
    fallback: string,
    check?: (value: string) => string | undefined,
  ): Promise<string> {
    const value = await text({
      ...this.streams,
      message: question,
      placeholder: fallback,
      defaultValue: fallback,
      validate: (value) => check?.(value?.trim() || fallback),
    });
    return answered<string>(value).trim() || fallback;
  }

  /** Asks to pick one of `choices` with the arrow keys. */
  async select<T extends string>(
    question: string,
    choices: readonly T[],
    fallback: T,
    describe?: (c: T) => string,
  ): Promise<T> {
    // Selected by name, then mapped back: clack's option type is conditional on the value type.
    const value = await select<string>({
      ...this.streams,
      message: question,
      initialValue: fallback,
      options: choices.map((choice) => ({
        value: choice as string,
        label: choice,
        ...(describe ? { hint: describe(choice) } : {}),
      })),
    });
    const picked = answered<string>(value);
    return choices.find((choice) => choice === picked) ?? fallback;
  }

  async confirm(question: string, fallback: boolean): Promise<boolean> {
    return answered<boolean>(
      await confirm({ ...this.streams, message: question, initialValue: fallback }),
    );
  }

  /** Nothing to release: each question owns its terminal only while it is asked. */
  close(): void {}
}
