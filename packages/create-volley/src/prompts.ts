/**
 * The interactive questions, on node:readline/promises. Used only when stdin and stdout are a
 * terminal and `--yes` was not given; Ctrl-C or Ctrl-D cancels with exit code 130.
 */
import { createInterface, type Interface } from "node:readline/promises";
import { CliError, ExitCode } from "./errors.js";

export class Prompter {
  private readonly rl: Interface;
  private readonly closed: Promise<never>;
  private readonly output: NodeJS.WritableStream;

  constructor(
    input: NodeJS.ReadableStream = process.stdin,
    output: NodeJS.WritableStream = process.stdout,
  ) {
    this.output = output;
    this.rl = createInterface({ input, output });
    this.closed = new Promise<never>((_, reject) => {
      this.rl.once("close", () => reject(new CliError("Cancelled.", ExitCode.CANCELLED)));
      this.rl.once("SIGINT", () => this.rl.close());
    });
    this.closed.catch(() => {});
  }

  /** Asks for free text; an empty answer takes `fallback`; `check` returns a problem or undefined. */
  async text(question: string, fallback: string, check?: (value: string) => string | undefined) {
    for (;;) {
      const answer = (await this.ask(`${question} (${fallback}): `)).trim() || fallback;
      const problem = check?.(answer);
      if (!problem) return answer;
      this.say(`  ${problem}`);
    }
  }

  /** Asks to pick one of `choices` by number or name. */
  async select<T extends string>(
    question: string,
    choices: readonly T[],
    fallback: T,
    describe?: (c: T) => string,
  ) {
    this.say(question);
    const width = Math.max(...choices.map((c) => c.length));
    choices.forEach((choice, i) => {
      this.say(`  ${i + 1}) ${describe ? `${choice.padEnd(width)}  ${describe(choice)}` : choice}`);
    });
    for (;;) {
      const answer = (await this.ask(`Choose 1-${choices.length} (${fallback}): `)).trim();
      if (!answer) return fallback;
      const byNumber = choices[Number(answer) - 1];
      const picked = byNumber ?? choices.find((c) => c === answer);
      if (picked) return picked;
      this.say(`  Please answer 1-${choices.length} or a name.`);
    }
  }

  async confirm(question: string, fallback: boolean): Promise<boolean> {
    for (;;) {
      const answer = (await this.ask(`${question} (${fallback ? "Y/n" : "y/N"}): `))
        .trim()
        .toLowerCase();
      if (!answer) return fallback;
      if (answer === "y" || answer === "yes") return true;
      if (answer === "n" || answer === "no") return false;
    }
  }

  close(): void {
    this.rl.removeAllListeners("close");
    this.rl.close();
  }

  private say(line: string): void {
    this.output.write(`${line}\n`);
  }

  private ask(question: string): Promise<string> {
    return Promise.race([this.rl.question(question), this.closed]);
  }
}
