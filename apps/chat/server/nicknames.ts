/**
 * Who holds which nickname. A nickname belongs to one browser (its session token) while any of
 * its sockets is connected, and for a grace period after the last one leaves, so a reload or a
 * network blip gets the same name back while nobody else can grab it in between.
 */
import { nicknameKey } from "./events.js";

export interface NicknameRegistryOptions {
  /** How long a nickname stays reserved after its last socket left. */
  graceMs: number;
  now?: () => number;
}

interface Holder {
  nickname: string;
  token: string;
  sockets: Set<string>;
  /** When the last socket left; undefined while connected. */
  releasedAt: number | undefined;
}

export type ClaimResult = { ok: true } | { ok: false; reason: "taken" };

export class NicknameRegistry {
  readonly #holders = new Map<string, Holder>();
  readonly #graceMs: number;
  readonly #now: () => number;

  constructor({ graceMs, now = Date.now }: NicknameRegistryOptions) {
    this.#graceMs = graceMs;
    this.#now = now;
  }

  /** Claims `nickname` for `socketId` on behalf of the browser holding `token`. */
  claim(nickname: string, token: string, socketId: string): ClaimResult {
    const key = nicknameKey(nickname);
    const holder = this.#holders.get(key);
    if (holder && holder.token !== token && !this.#expired(holder)) {
      return { ok: false, reason: "taken" };
    }
    if (!holder || holder.token !== token) {
      this.#holders.set(key, {
        nickname,
        token,
        sockets: new Set([socketId]),
        releasedAt: undefined,
      });
    } else {
      holder.nickname = nickname;
      holder.sockets.add(socketId);
      holder.releasedAt = undefined;
    }
    return { ok: true };
  }

  /** Whether `token` could claim `nickname` now (for the connection middleware). */
  isAvailable(nickname: string, token: string): boolean {
    const holder = this.#holders.get(nicknameKey(nickname));
    return !holder || holder.token === token || this.#expired(holder);
  }

  /** A socket left; the nickname stays reserved for the grace period after the last one. */
  release(nickname: string, socketId: string): void {
    const holder = this.#holders.get(nicknameKey(nickname));
    if (!holder?.sockets.delete(socketId)) return;
    if (holder.sockets.size === 0) holder.releasedAt = this.#now();
  }

  /** Whether any socket of this nickname is connected. */
  isOnline(nickname: string): boolean {
    return (this.#holders.get(nicknameKey(nickname))?.sockets.size ?? 0) > 0;
  }

  /** Drops reservations whose grace period is over; returns how many. */
  sweep(): number {
    let removed = 0;
    for (const [key, holder] of this.#holders) {
      if (this.#expired(holder)) {
        this.#holders.delete(key);
        removed++;
      }
    }
    return removed;
  }

  get size(): number {
    return this.#holders.size;
  }

  #expired(holder: Holder): boolean {
    return (
      holder.sockets.size === 0 &&
      holder.releasedAt !== undefined &&
      this.#now() - holder.releasedAt >= this.#graceMs
    );
  }
}
