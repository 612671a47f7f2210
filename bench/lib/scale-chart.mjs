// A hand-written SVG line chart for the scale scenario (no dependencies, like svg.mjs): one panel
// per cost (heap, RSS, heartbeat CPU), cost per connection against connections on a log axis,
// one line per server (medians over the runs). A flat line is the goal.

const COLORS = { volley: "#1f77b4", socketio: "#ff7f0e", ws: "#2ca02c" };
const LABELS = { volley: "Volley", socketio: "socket.io", ws: "raw ws" };
const PANELS = [
  { key: "heapPerConnKB", title: "heap per connection (KB)" },
  { key: "rssPerConnKB", title: "RSS per connection (KB)" },
  { key: "heartbeatUsPerConn", title: "heartbeat CPU µs per conn. per ping" },
];

const WIDTH = 960;
const PANEL_W = 280;
const PANEL_H = 220;
const LEFT = 50;
const TOP = 70;
const GAP = 40;

const esc = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[sorted.length >> 1] : undefined;
}

/** { server: [{ connections, <key>: median }] } from the scale records. */
function series(records) {
  const out = {};
  for (const server of [...new Set(records.map((r) => r.server))]) {
    const runs = records.filter((r) => r.server === server);
    const counts = [...new Set(runs.flatMap((r) => r.metrics.steps.map((s) => s.connections)))];
    out[server] = counts
      .sort((a, b) => a - b)
      .map((connections) => {
        const point = { connections };
        for (const { key } of PANELS) {
          point[key] = median(
            runs.map((r) => r.metrics.steps.find((s) => s.connections === connections)?.[key]),
          );
        }
        return point;
      });
  }
  return out;
}

function panel(data, { key, title }, x0) {
  const points = Object.values(data).flat();
  const counts = points.map((p) => p.connections);
  const lo = Math.log10(Math.min(...counts));
  const hi = Math.max(lo + 1, Math.log10(Math.max(...counts)));
  const top = Math.max(...points.map((p) => p[key]).filter(Number.isFinite), 0) * 1.15 || 1;
  const x = (n) => x0 + LEFT + ((Math.log10(n) - lo) / (hi - lo)) * (PANEL_W - LEFT - 10);
  const y = (v) => TOP + PANEL_H - (Math.max(0, v) / top) * PANEL_H;
  const parts = [`<text x="${x0 + LEFT}" y="${TOP - 12}" class="group">${esc(title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const v = (top * i) / 4;
    parts.push(
      `<line x1="${x0 + LEFT}" x2="${x0 + PANEL_W - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`,
      `<text x="${x0 + LEFT - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${v < 10 ? v.toFixed(1) : v.toFixed(0)}</text>`,
    );
  }
  for (const n of [...new Set(counts)]) {
    parts.push(
      `<text x="${x(n).toFixed(1)}" y="${TOP + PANEL_H + 16}" text-anchor="middle" class="axis">${n >= 1000 ? `${n / 1000}k` : n}</text>`,
    );
  }
  for (const [server, line] of Object.entries(data)) {
    const pts = line.filter((p) => Number.isFinite(p[key]));
    if (pts.length === 0) continue;
    const color = COLORS[server] ?? "#777";
    const path = pts.map((p) => `${x(p.connections).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of pts)
      parts.push(
        `<circle cx="${x(p.connections).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3" fill="${color}"/>`,
      );
  }
  return parts;
}

/** records: the ok scale records; meta: { mode, date } for the title. */
export function scaleChart(records, meta = {}) {
  const data = series(records);
  const parts = PANELS.flatMap((p, i) => panel(data, p, 10 + i * (PANEL_W + GAP / 2)));
  const legend = Object.keys(data).map(
    (server, i) =>
      `<rect x="${12 + i * 120}" y="${TOP + PANEL_H + 32}" width="14" height="4" fill="${COLORS[server] ?? "#777"}"/>` +
      `<text x="${32 + i * 120}" y="${TOP + PANEL_H + 38}">${esc(LABELS[server] ?? server)}</text>`,
  );
  const height = TOP + PANEL_H + 56;
  const title = `Scaling curve (${meta.mode ?? "?"} mode, ${meta.date ?? ""}): idle cost per connection against connections`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">
<title id="title">${esc(title)}</title>
<style>.group{font-weight:600;font-size:13px}.axis{fill:#555;font-size:11px}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="24" font-size="15" font-weight="600">${esc(title)}</text>
${parts.join("\n")}
${legend.join("\n")}
</svg>
`;
}
