/**
 * Exit codes and the one error type the CLI throws on purpose. Anything else that escapes is a
 * bug and exits with FAILURE and a stack trace.
 */
export const ExitCode = {
  OK: 0,
  /** An unexpected failure (a bug, a file system error). */
  FAILURE: 1,
  /** Bad flags or arguments, or an invalid project name. */
  USAGE: 2,
  /** The target directory is not empty and `--force` was not given. */
  TARGET_NOT_EMPTY: 3,
  /** The files were written but the package manager failed. */
  INSTALL_FAILED: 4,
  /** @volley/* are not on the registry (the published path), nothing was written. */
  REGISTRY_UNAVAILABLE: 5,
  /** The user cancelled a prompt (Ctrl-C / Ctrl-D). */
  CANCELLED: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error with a message for the user and the exit code that goes with it. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = "CliError";
  }
}
