/**
 * @volley/testing: test helpers for Volley apps, in the spirit of Phoenix's ChannelTest and
 * @colyseus/testing. A server on port 0 around your own setup, typed clients with a mailbox,
 * room assertions, heartbeat-safe fake time, and teardown that leaves no open handles. Works
 * with any test runner (vitest, node:test): failures are node:assert AssertionErrors and
 * TestTimeoutErrors.
 */
export type { ReceivedEvent } from "./mailbox.js";
export {
  nextTurns,
  realDelay,
  TestTimeoutError,
  withDeadline,
} from "./real-timers.js";
export {
  CLIENT_DEFAULTS,
  SYNC_EVENT,
  TestClient,
  type TestClientOptions,
} from "./test-client.js";
export {
  type AdvanceClock,
  createTestServer,
  type Setup,
  serveApp,
  TestServer,
  type TestServerOptions,
} from "./test-server.js";
