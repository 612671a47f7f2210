// A hand-written SVG chart of the game bench (no dependencies): per player count, the bytes per
// second each client receives with the old JSON snapshots and with @volley/state, as horizontal
// bars on a linear axis, with the reduction written next to them; server CPU per tick below.

const WIDTH = 760;
const LEFT = 150;
const RIGHT = 600;
const BAR = 18;
const COLORS = { json: "#9ca3af", state: "#2563eb" };
const LABELS = { json: "JSON snapshots", state: "@volley/state" };

const kb = (bytes) => `${(bytes / 1000).toFixed(bytes >= 10_000 ? 0 : 1)} KB/s`;

/** results: [{ players, mode: "json"|"state", bytesPerSecondPerClient, serverCpuUsPerTick }] */
export function gameChart(results, meta = {}) {
  const counts = [...new Set(results.map((r) => r.players))];
  const maxBytes = Math.max(...results.map((r) => r.bytesPerSecondPerClient), 1);
  const maxCpu = Math.max(...results.map((r) => r.serverCpuUsPerTick), 1);
  const parts = [];
  let y = 48;
  const section = (title, value, max, format) => {
    parts.push(`<text x="16" y="${y}" font-weight="600">${title}</text>`);
    y += 14;
    for (const players of counts) {
      const json = results.find((r) => r.players === players && r.mode === "json");
      const state = results.find((r) => r.players === players && r.mode === "state");
      parts.push(`<text x="16" y="${y + BAR + 4}" fill="#374151">${players} players</text>`);
      for (const r of [json, state]) {
        if (!r) continue;
        const w = Math.max(1, ((RIGHT - LEFT) * value(r)) / max);
        parts.push(
          `<rect x="${LEFT}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${COLORS[r.mode]}"/>`,
          `<text x="${LEFT + w + 6}" y="${y + 13}" fill="#111827">${format(value(r))}</text>`,
        );
        y += BAR + 4;
      }
      if (json && state && value === bytes) {
        const ratio = json.bytesPerSecondPerClient / state.bytesPerSecondPerClient;
        parts.push(
          `<text x="${RIGHT + 80}" y="${y - BAR + 2}" font-weight="600" fill="#2563eb">${ratio.toFixed(1)}× less</text>`,
        );
      }
      y += 10;
    }
    y += 16;
  };
  const bytes = (r) => r.bytesPerSecondPerClient;
  section("Downstream per client", bytes, maxBytes, kb);
  section(
    "Server CPU per tick",
    (r) => r.serverCpuUsPerTick,
    maxCpu,
    (v) => `${v} µs`,
  );
  const legend = Object.entries(LABELS)
    .map(
      ([mode, label], i) =>
        `<rect x="${LEFT + i * 170}" y="${y - 10}" width="12" height="12" fill="${COLORS[mode]}"/>` +
        `<text x="${LEFT + i * 170 + 18}" y="${y}">${label}</text>`,
    )
    .join("");
  const height = y + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="13">
<title>Coin Rush bench: bytes per client and server CPU per tick, JSON snapshots against @volley/state</title>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" font-size="15" font-weight="700">Coin Rush: JSON snapshots vs @volley/state (${meta.mode ?? "full"} run, 15 states/s, 30 Hz tick)</text>
${parts.join("\n")}
${legend}
</svg>
`;
}
