// Load sizes and durations per mode. full: the numbers the targets are stated for (a few
// minutes); quick: a development run (about a minute); smoke: the smallest run that still
// exercises every scenario and server (under 30 s), used by `pnpm --filter bench smoke`.
export const PROFILES = {
  full: {
    runs: 3,
    fanout: {
      clients: 1000,
      procs: 4,
      inFlight: 50,
      warmupMs: 1000,
      durationMs: 4000,
      drainMs: 5000,
      batch: 10,
      window: 256,
      maxCount: 1_000_000,
    },
    ack: { clients: 100, procs: 2, warmupMs: 1000, durationMs: 4000 },
    idle: { clients: 10_000, procs: 4, inFlight: 100, settleMs: 500 },
    connect: { clients: 10_000, procs: 4, inFlight: 50 },
    polling: { clients: 100, procs: 2, warmupMs: 1000, durationMs: 4000 },
  },
  quick: {
    runs: 1,
    fanout: {
      clients: 100,
      procs: 2,
      inFlight: 50,
      warmupMs: 300,
      durationMs: 1000,
      drainMs: 2000,
      batch: 10,
      window: 256,
      maxCount: 200_000,
    },
    ack: { clients: 20, procs: 2, warmupMs: 300, durationMs: 1000 },
    idle: { clients: 500, procs: 2, inFlight: 50, settleMs: 200 },
    connect: { clients: 500, procs: 2, inFlight: 25 },
    polling: { clients: 20, procs: 1, warmupMs: 300, durationMs: 1000 },
  },
  smoke: {
    runs: 1,
    fanout: {
      clients: 20,
      procs: 1,
      inFlight: 20,
      warmupMs: 50,
      durationMs: 200,
      drainMs: 1000,
      batch: 10,
      window: 256,
      maxCount: 20_000,
    },
    ack: { clients: 20, procs: 1, warmupMs: 50, durationMs: 200 },
    idle: { clients: 20, procs: 1, inFlight: 20, settleMs: 20 },
    connect: { clients: 20, procs: 1, inFlight: 10 },
    polling: { clients: 10, procs: 1, warmupMs: 50, durationMs: 400 },
  },
};
