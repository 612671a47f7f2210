/**
 * Admission of a new session, after the request passed routing: `allowRequest` (the app's
 * gate) and then `generateId` (the app may override engine.io's id generator, synchronously
 * or with a promise). Both run synchronously when they are synchronous, so a plain handshake
 * takes no extra tick. Neither can throw out of here: a refusal is reported as an Engine.IO
 * error (403 for `allowRequest`, 400 `ID_GENERATION_ERROR` for a failing or unusable id).
 */

import type { IncomingMessage } from "node:http";
import { EngineErrorCode, engineErrorMessage } from "@volley/protocol";
import type { AllowRequest } from "./options.js";
import type { Refusal } from "./routes.js";

/** engine.io's `generateId(req)`: the id of a new session (any unique string). */
export type GenerateId = (req: IncomingMessage) => string | PromiseLike<string>;

/** What admission reads from the engine. */
export interface AdmissionState {
  readonly allowRequest: AllowRequest | undefined;
  readonly generateId: GenerateId;
  /** Whether a live session has this id already. */
  taken(id: string): boolean;
  /** The engine is closing: refuse. */
  readonly closing: boolean;
}

/** The outcome: exactly one of a refusal or the new session's id. */
export type Admitted = (refused: Refusal | undefined, id: string) => void;

function forbidden(message?: string): Refusal {
  return {
    code: EngineErrorCode.FORBIDDEN,
    ...(message ? { message } : {}),
    context: {
      name: "ALLOW_REQUEST",
      message: message ?? engineErrorMessage(EngineErrorCode.FORBIDDEN),
    },
  };
}

function idError(error: unknown): Refusal {
  return { code: EngineErrorCode.BAD_REQUEST, context: { name: "ID_GENERATION_ERROR", error } };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === "function";
}

/** Report the uncaught error of a `done` callback instead of letting it become a rejection. */
function warn(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : String(err), "VolleyEngineWarning");
}

function withId(state: AdmissionState, req: IncomingMessage, done: Admitted): void {
  const accept = (id: unknown): void => {
    if (typeof id !== "string" || id === "" || state.taken(id)) {
      done(idError(new TypeError(`generateId returned an unusable id: ${String(id)}`)), "");
    } else if (state.closing) done(forbidden(), "");
    else done(undefined, id);
  };
  let id: string | PromiseLike<string>;
  try {
    id = state.generateId(req);
  } catch (err) {
    done(idError(err), "");
    return;
  }
  if (!isThenable(id)) {
    accept(id);
    return;
  }
  Promise.resolve(id)
    .then(accept, (err: unknown) => done(idError(err), ""))
    .catch(warn);
}

/** Run `allowRequest`, then `generateId`, and call `done` once; never throws or rejects. */
export function admit(state: AdmissionState, req: IncomingMessage, done: Admitted): void {
  const allowRequest = state.allowRequest;
  if (!allowRequest) {
    withId(state, req, done);
    return;
  }
  Promise.resolve()
    .then(() => allowRequest(req))
    .then(
      (verdict) => {
        if (verdict !== true) {
          done(forbidden(typeof verdict === "string" && verdict !== "" ? verdict : undefined), "");
        } else if (state.closing) done(forbidden(), "");
        else withId(state, req, done);
      },
      () => done(forbidden(), ""),
    )
    // A throwing `connection` listener must not become an unhandled rejection.
    .catch(warn);
}
