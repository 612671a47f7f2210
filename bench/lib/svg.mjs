// A hand-written SVG chart of the ratios (no dependencies): one group per scenario, one
// horizontal bar per ratio on a log2 axis centred on 1×, a min–max whisker, and the target as a
// red tick (its bound is also written after the bar's name).

import { targetText } from "./targets.mjs";

const COLORS = {
  "volley/socketio": "#1f77b4",
  "volley/ws": "#2ca02c",
  "volley/ws-corked": "#17becf",
  "socketio/ws": "#ff7f0e",
  "ws-corked/ws": "#9467bd",
};

const WIDTH = 960;
const LEFT = 330;
const RIGHT = 900;
const BAR = 16;
const GAP = 6;
const GROUP_TITLE = 26;
const TOP = 56;

const xmlEscape = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
  );

const ratioText = (r) => `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;

/** Powers of two around every value (at least 1/8…4, at most 1/128…64). */
function domain(groups) {
  let lo = -2;
  let hi = 2;
  for (const group of groups) {
    for (const bar of group.bars) {
      for (const v of [bar.min, bar.max, bar.target?.value]) {
        if (!(v > 0)) continue;
        lo = Math.min(lo, Math.floor(Math.log2(v)));
        hi = Math.max(hi, Math.ceil(Math.log2(v)));
      }
    }
  }
  // One more power of two on the left: room for the value label of the lowest bar.
  return [Math.max(lo - 1, -7), Math.min(hi, 6)];
}

/**
 * groups: [{ label, bars: [{ key, label, median, min, max, n, target? }] }];
 * meta: { mode, date } for the title.
 */
export function ratioChart(groups, meta = {}) {
  const [lo, hi] = domain(groups);
  const x = (ratio) => {
    const log = Math.min(hi, Math.max(lo, Math.log2(ratio)));
    return LEFT + ((log - lo) / (hi - lo)) * (RIGHT - LEFT);
  };
  const parts = [];
  let y = TOP;
  for (const group of groups) {
    parts.push(`<text x="12" y="${y + 16}" class="group">${xmlEscape(group.label)}</text>`);
    y += GROUP_TITLE;
    for (const bar of group.bars) {
      const color = COLORS[bar.key] ?? "#777";
      const x0 = x(1);
      const x1 = x(bar.median);
      const mid = y + BAR / 2;
      const name = bar.target ? `${bar.label} (target ${targetText(bar.target)})` : bar.label;
      parts.push(
        `<text x="${LEFT - 8}" y="${mid + 4}" text-anchor="end">${xmlEscape(name)}</text>`,
        `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${BAR}" fill="${color}" opacity="0.85"/>`,
      );
      if (bar.n > 1) {
        parts.push(
          `<line x1="${x(bar.min).toFixed(1)}" x2="${x(bar.max).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
        );
      }
      if (bar.target) {
        const tx = x(bar.target.value).toFixed(1);
        parts.push(
          `<line x1="${tx}" x2="${tx}" y1="${y - 2}" y2="${y + BAR + 2}" stroke="#d62728" stroke-width="3"/>`,
        );
      }
      const right = bar.median >= 1;
      const labelX = (
        right ? Math.max(x1, x(bar.max || 1)) + 6 : Math.min(x1, x(bar.min || 1)) - 6
      ).toFixed(1);
      parts.push(
        `<text x="${labelX}" y="${mid + 4}" text-anchor="${right ? "start" : "end"}" class="value">${ratioText(bar.median)}</text>`,
      );
      y += BAR + GAP;
    }
    y += 8;
  }
  const height = y + 30;
  const ticks = [];
  for (let p = lo; p <= hi; p++) {
    const tx = x(2 ** p).toFixed(1);
    const one = p === 0;
    ticks.push(
      `<line x1="${tx}" x2="${tx}" y1="${TOP - 12}" y2="${height - 26}" stroke="${one ? "#000" : "#ddd"}" stroke-width="${one ? 1.5 : 1}"/>`,
      `<text x="${tx}" y="${height - 10}" text-anchor="middle" class="axis">${p < 0 ? `1/${2 ** -p}` : 2 ** p}×</text>`,
    );
  }
  const title = `Volley bench ratios (${meta.mode ?? "?"} mode, ${meta.date ?? ""}) — same-run medians with min–max, log scale`;
  const empty =
    groups.length === 0
      ? `<text x="${LEFT}" y="${TOP + 20}">no ratios: too few servers produced results</text>`
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="title" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">
<title id="title">${xmlEscape(title)}</title>
<style>.group{font-weight:600;font-size:13px}.value{font-size:11px}.axis{fill:#555;font-size:11px}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="24" font-size="15" font-weight="600">${xmlEscape(title)}</text>
${ticks.join("\n")}
${parts.join("\n")}
${empty}
</svg>
`;
}
