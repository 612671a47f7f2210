/**
 * Who is typing, per room: a nickname is shown until ~3 s after its last typing event.
 * Pure helpers plus the throttle the composer uses before telling the server.
 */

export const TYPING_TTL_MS = 3_000;
export const TYPING_THROTTLE_MS = 2_000;

/** nickname -> time the indicator expires */
export type TypingState = Record<string, number>;

export function noteTyping(state: TypingState, nickname: string, now: number): TypingState {
  return { ...state, [nickname]: now + TYPING_TTL_MS };
}

export function clearTyping(state: TypingState, nickname: string): TypingState {
  if (!(nickname in state)) return state;
  const { [nickname]: _gone, ...rest } = state;
  return rest;
}

/** Nicknames still typing at `now`, sorted. */
export function activeTypists(state: TypingState, now: number): string[] {
  return Object.keys(state)
    .filter((nickname) => state[nickname]! > now)
    .sort();
}

/** "Ada is typing…", "Ada and Bob are typing…", "Several people are typing…" */
export function describeTyping(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return "Several people are typing…";
}

/**
 * Lets one call through per `intervalMs` per key; `reset(key)` re-opens it at once (after a
 * message is sent, the next keystroke should announce typing again).
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, number>();
  return {
    take(key: string): boolean {
      const t = now();
      const previous = last.get(key);
      if (previous !== undefined && t - previous < intervalMs) return false;
      last.set(key, t);
      return true;
    },
    reset(key: string): void {
      last.delete(key);
    },
  };
}
