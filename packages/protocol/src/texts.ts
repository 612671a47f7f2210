/**
 * `#error-texts` for Node (and bundlers without the `browser` condition): ProtocolErrors always
 * carry their readable message. The browser variant (texts.browser.ts) drops them in production.
 */
import * as texts from "./error-texts.js";

/** The message texts: always here. */
export function errorTexts(): typeof texts | undefined {
  return texts;
}
