// The guides, in sidebar order. Adding a guide is a Markdown file in docs/guide/ plus one line
// here (the link is the file name without `.md`).
export interface GuideLink {
  text: string;
  link: string;
}

export const guides: GuideLink[] = [
  { text: "Getting started", link: "/guide/getting-started" },
  { text: "Rooms, acks and recovery", link: "/guide/rooms-acks-recovery" },
  { text: "Typed events", link: "/guide/typed-events" },
  { text: "Event contracts (validation)", link: "/guide/event-contracts" },
  { text: "Signals: Preact, React, vanilla", link: "/guide/signals" },
  { text: "Presence", link: "/guide/presence" },
  { text: "State sync for games", link: "/guide/state-sync" },
  { text: "Transports", link: "/guide/transports" },
  { text: "Parsers: MessagePack", link: "/guide/parsers" },
  { text: "Errors and logging", link: "/guide/errors-and-logging" },
  { text: "Observability: admin UI and metrics", link: "/guide/observability" },
  { text: "Testing your app", link: "/guide/testing" },
  { text: "Porting from Socket.IO", link: "/guide/porting-from-socket-io" },
  { text: "Security", link: "/guide/security" },
  { text: "Flood control", link: "/guide/flood-control" },
  { text: "Scaling with Redis", link: "/guide/scaling" },
  { text: "Deploying behind nginx or Caddy", link: "/guide/deploying" },
];
