/**
 * What the browser remembers: the player's name (localStorage, across visits) and the secret
 * seat token of each match joined in this tab (sessionStorage: survives a reload, but two tabs
 * are two players).
 */
const NAME_KEY = "volley-game:name";
const seatKey = (code: string) => `volley-game:seat:${code}`;

const ADJECTIVES = ["Swift", "Lucky", "Bold", "Sly", "Zippy", "Brave", "Nimble", "Jolly"];
const ANIMALS = ["Fox", "Otter", "Lynx", "Panda", "Hare", "Koala", "Gecko", "Falcon"];

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

export function savedName(): string {
  const stored = safe(() => localStorage.getItem(NAME_KEY));
  return stored || `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

export function saveName(name: string): void {
  safe(() => localStorage.setItem(NAME_KEY, name));
}

export function seatToken(code: string): string | undefined {
  return safe(() => sessionStorage.getItem(seatKey(code))) ?? undefined;
}

export function saveSeatToken(code: string, token: string): void {
  safe(() => sessionStorage.setItem(seatKey(code), token));
}

export function forgetSeat(code: string): void {
  safe(() => sessionStorage.removeItem(seatKey(code)));
}

/** Storage can throw (privacy modes, quotas); the game works without it. */
function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
