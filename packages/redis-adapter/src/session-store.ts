/**
 * Connection state recovery across nodes. A disconnected session is a Redis key that expires
 * after `maxDisconnectionDuration`; the broadcasts a client may miss are a Redis Stream per
 * namespace (XADD … MAXLEN ~), and a broadcast's offset is its stream id. A client that comes
 * back on any node finds its session there (GETDEL: restored once) and the packets after its
 * offset (XRANGE), filtered by the rooms it was in.
 *
 * One script appends a broadcast to the log and publishes it with its offset, so the log's
 * order and the order other nodes deliver in are the same, in one round trip.
 */
import { createHash } from "node:crypto";
import type { PrivateSessionId, RestoredSession, Session } from "@volley/server";
import type { Redis } from "ioredis";
import { type ClusterMessage, decodeValue, encodeValue, MessageType } from "./cluster-messages.js";
import { reachesRooms } from "./restore-merge.js";

/**
 * KEYS[1] the log; ARGV: max length, the encoded BROADCAST message (a JSON object), the log's
 * ttl in ms, the channel to publish on ("" for none). The published copy gets the new entry's
 * id spliced in as `"offset"`, so the message is still encoded once.
 */
const APPEND_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'm', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[4] ~= '' then
  redis.call('PUBLISH', ARGV[4], '{"offset":"' .. id .. '",' .. string.sub(ARGV[2], 2))
end
return id
`;
const APPEND_SHA = createHash("sha1").update(APPEND_SCRIPT).digest("hex");

/** Entries read per XRANGE while collecting missed packets. */
const PAGE_SIZE = 500;
/** What a stream id (and so an offset) looks like. */
const STREAM_ID = /^\d+-\d+$/;

type BroadcastEntry = Extract<ClusterMessage, { type: typeof MessageType.BROADCAST }>;

/** Sessions and the broadcast log of one namespace. */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    /** The stream key of the namespace's log. */
    private readonly logKey: string,
    /** Prefix of the namespace's session keys. */
    private readonly sessionPrefix: string,
    private readonly maxDisconnectionDuration: number,
    private readonly maxLogLength: number,
  ) {}

  /**
   * Appends an encoded BROADCAST message to the log and publishes it (with its offset) on
   * `channel` unless that is ""; resolves with the offset.
   */
  async append(encodedBroadcast: string, channel: string): Promise<string> {
    const args = [this.maxLogLength, encodedBroadcast, this.maxDisconnectionDuration, channel];
    try {
      return (await this.redis.evalsha(APPEND_SHA, 1, this.logKey, ...args)) as string;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith("NOSCRIPT")) throw err;
      return (await this.redis.eval(APPEND_SCRIPT, 1, this.logKey, ...args)) as string;
    }
  }

  /** Keeps a session until `maxDisconnectionDuration` passes. */
  async persist(session: Session): Promise<void> {
    const value = encodeValue(session);
    await this.redis.set(
      this.sessionPrefix + session.pid,
      value,
      "PX",
      this.maxDisconnectionDuration,
    );
  }

  /**
   * Takes a session back (once) with the packets after `offset` its rooms would have received;
   * null when the session expired or the offset is no longer (or never was) in the log.
   */
  async restore(pid: PrivateSessionId, offset: string): Promise<RestoredSession | null> {
    const stored = await this.redis.getdel(this.sessionPrefix + pid);
    if (stored === null || !STREAM_ID.test(offset)) return null;
    const session = decodeValue(stored) as Session;
    const missedPackets: unknown[][] = [];
    let start = offset;
    let firstPage = true;
    for (;;) {
      const page = await this.redis.xrange(this.logKey, start, "+", "COUNT", PAGE_SIZE);
      if (firstPage && page[0]?.[0] !== offset) return null; // trimmed away: packets were lost
      for (const [id, fields] of page) {
        if (id === offset) continue;
        const entry = decodeEntry(fields);
        if (entry && reachesRooms(session.rooms, entry.opts) && Array.isArray(entry.packet.data)) {
          missedPackets.push([...(entry.packet.data as unknown[]), id]);
        }
      }
      if (page.length < PAGE_SIZE) break;
      start = `(${page[page.length - 1]![0]}`;
      firstPage = false;
    }
    return { ...session, missedPackets };
  }
}

/** A log entry's fields (`m`, the encoded message) -> the broadcast, or undefined if unreadable. */
function decodeEntry(fields: string[]): BroadcastEntry | undefined {
  const index = fields.indexOf("m");
  const text = index === -1 ? undefined : fields[index + 1];
  if (text === undefined) return undefined;
  try {
    const entry = decodeValue(text) as BroadcastEntry;
    return entry.type === MessageType.BROADCAST ? entry : undefined;
  } catch {
    return undefined;
  }
}
