/**
 * Every default limit of the codecs, collected in one place so the server and client can
 * document and override them consistently.
 */

/** Default values of the codec options. */
export const DEFAULTS = {
  /** Most binary attachments one Socket.IO packet may announce. */
  maxAttachments: 10,
  /** Deepest nesting of arrays/objects accepted in packet data (decode and binary scan). */
  maxDepth: 1000,
  /** Most packets one Engine.IO polling payload may hold. */
  maxPackets: Number.POSITIVE_INFINITY,
} as const;
