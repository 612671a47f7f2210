/**
 * Who the user is: the nickname (remembered across reloads) and the per-browser token that
 * lets this browser take its nickname back after a reload or a dropped connection.
 */
import { signal } from "@preact/signals";
import { load, randomId, save } from "./storage";

export type Phase = "signed-out" | "signing-in" | "chat";

function browserToken(): string {
  const existing = load<string | null>("token", null);
  if (existing && /^[\w-]{8,128}$/.test(existing)) return existing;
  const token = randomId();
  save("token", token);
  return token;
}

export const token = browserToken();
/** The nickname in use (or being tried). */
export const nickname = signal<string>(load("nickname", ""));
export const phase = signal<Phase>(nickname.value ? "signing-in" : "signed-out");
/** Why the last sign-in was refused, shown on the nickname form. */
export const signInError = signal<string | null>(null);

export function rememberNickname(value: string | undefined): void {
  save("nickname", value);
}
