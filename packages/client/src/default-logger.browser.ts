/**
 * The default logger in browsers (and anywhere but Node): none. Pass the `logger` option to see
 * the client's debug lines. Chosen through the package.json `imports` condition
 * `browser` / `default`, so the Node logger never reaches a browser bundle.
 */

/** No default logger outside Node. */
export function defaultLogger(
  _scope: string,
): ((scope: string, message: string, ...args: unknown[]) => void) | undefined {
  return undefined;
}
