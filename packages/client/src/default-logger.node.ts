/**
 * The default logger in Node: `DEBUG=volley:*` (or `volley:client`, the `debug` package's
 * syntax: comma or space separated, `*` wildcards, `-` to exclude) writes the client's debug
 * lines to stderr, formatted like `console.log`. Read when a Manager is created. Chosen through
 * the package.json `imports` condition `node`: never bundled for browsers.
 */
import { format } from "node:util";

/** The stderr logger when `DEBUG` enables `scope`, else `undefined`. */
export function defaultLogger(
  scope: string,
): ((scope: string, message: string, ...args: unknown[]) => void) | undefined {
  if (!enabled(process.env.DEBUG ?? "", scope)) return undefined;
  return (name, message, ...args) => {
    process.stderr.write(`${new Date().toISOString()} ${name} ${format(message, ...args)}\n`);
  };
}

/** Whether the `DEBUG` patterns enable `scope`. */
export function enabled(patterns: string, scope: string): boolean {
  let on = false;
  for (const pattern of patterns.split(/[\s,]+/)) {
    if (!pattern) continue;
    const negated = pattern.startsWith("-");
    const glob = negated ? pattern.slice(1) : pattern;
    const regex = new RegExp(
      `^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
    );
    if (regex.test(scope)) {
      if (negated) return false;
      on = true;
    }
  }
  return on;
}
