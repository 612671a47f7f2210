/**
 * Requests this node sent to the others and the answers still owed: one entry per request,
 * the set of live nodes it waits for, and one timer. A node that dies or leaves is struck off
 * every waiting set, so nobody waits for the dead; a timeout ends what is still open.
 */
import type { ClusterResponse } from "./cluster-messages.js";

/** A request that ran out of time; `missing` nodes never finished answering. */
export class RequestTimeoutError extends Error {
  readonly code = "REQUEST_TIMEOUT";
  constructor(
    readonly operation: string,
    readonly missing: number,
  ) {
    super(`timeout reached while waiting for ${operation} responses (missing ${missing})`);
    this.name = "RequestTimeoutError";
  }
}

/** What a request does with its answers. */
export interface RequestHandler {
  /** An answer from node `uid`; returns true when that node has nothing more to send. */
  onResponse(uid: string, response: ClusterResponse): boolean;
  /** Node `uid` went away before it finished. */
  onNodeGone?(uid: string): void;
  /** Called once: every node finished (`err` null), time ran out, or the registry closed. */
  onDone(err: Error | null): void;
}

/**
 * Told when a request ends: its operation, how long it took (ms) and its error (null when every
 * node answered). The adapter turns it into its `request` event for metrics.
 */
export type RequestObserver = (operation: string, durationMs: number, err: Error | null) => void;

interface PendingRequest {
  readonly operation: string;
  readonly startedAt: number;
  readonly waiting: Set<string>;
  readonly handler: RequestHandler;
  timer: NodeJS.Timeout | undefined;
}

/** The pending requests of one adapter. */
export class PendingRequests {
  private readonly pending = new Map<string, PendingRequest>();
  private counter = 0;

  /** `prefix` makes ids unique across the cluster (the adapter's uid). */
  constructor(
    private readonly prefix: string,
    private readonly onFinished?: RequestObserver,
  ) {}

  /** A fresh request id. */
  nextId(): string {
    this.counter = (this.counter + 1) % Number.MAX_SAFE_INTEGER;
    return `${this.prefix}:${this.counter}`;
  }

  /**
   * Registers a request that waits for every node in `nodes`; done at once when there are
   * none. Without `timeoutMs` it waits until every node finished or went away.
   */
  add(
    id: string,
    operation: string,
    nodes: Iterable<string>,
    timeoutMs: number | undefined,
    handler: RequestHandler,
  ): void {
    const request: PendingRequest = {
      operation,
      startedAt: performance.now(),
      waiting: new Set(nodes),
      handler,
      timer: undefined,
    };
    if (request.waiting.size === 0) {
      handler.onDone(null);
      return;
    }
    if (timeoutMs !== undefined) {
      request.timer = setTimeout(() => {
        this.finish(id, new RequestTimeoutError(operation, request.waiting.size));
      }, timeoutMs);
      request.timer.unref();
    }
    this.pending.set(id, request);
  }

  /** An answer arrived; answers to unknown (finished) requests or from struck-off nodes are dropped. */
  respond(response: ClusterResponse): void {
    const request = this.pending.get(response.requestId);
    if (!request?.waiting.has(response.uid)) return;
    if (request.handler.onResponse(response.uid, response)) {
      request.waiting.delete(response.uid);
      if (request.waiting.size === 0) this.finish(response.requestId, null);
    }
  }

  /** Node `uid` is dead or gone: no request waits for it any more. */
  nodeGone(uid: string): void {
    for (const [id, request] of [...this.pending]) {
      if (!request.waiting.delete(uid)) continue;
      request.handler.onNodeGone?.(uid);
      if (request.waiting.size === 0) this.finish(id, null);
    }
  }

  /** Ends every pending request with `err` (the adapter is closing). */
  failAll(err: Error): void {
    for (const id of [...this.pending.keys()]) this.finish(id, err);
  }

  /** Number of pending requests (for tests and metrics). */
  get size(): number {
    return this.pending.size;
  }

  private finish(id: string, err: Error | null): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    if (request.timer) clearTimeout(request.timer);
    this.onFinished?.(request.operation, performance.now() - request.startedAt, err);
    request.handler.onDone(err);
  }
}
