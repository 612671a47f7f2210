/**
 * `#error-texts` in browser builds: a production build (`process.env.NODE_ENV` replaced by
 * "production", as Vite, webpack and esbuild do) folds `errorTexts()` to `undefined` and leaves
 * error-texts.ts out, so ProtocolErrors carry their code alone. Without a bundler a browser has
 * no `process`: production too.
 */
import * as texts from "./error-texts.js";

/** The message texts in development builds, else `undefined`. */
export function errorTexts(): typeof texts | undefined {
  try {
    if (process.env.NODE_ENV !== "production") return texts;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
  }
  return undefined;
}
