// Turns the result records of a bench run into its outputs: one JSON line per scenario, server
// and run (latest.jsonl), a Markdown summary with medians, min–max spreads and same-run ratios
// (latest.md), and the ratio chart (ratios.svg).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SERVERS } from "./session.mjs";
import { summarize } from "./stats.mjs";
import { ratioChart } from "./svg.mjs";
import {
  HEADLINE,
  meets,
  PAIRS,
  referenceFor,
  SECONDARY,
  targetFor,
  targetText,
} from "./targets.mjs";

export function startJsonl(dir) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "latest.jsonl");
  writeFileSync(path, "");
  return (record) => {
    const line = JSON.stringify(record);
    process.stdout.write(`${line}\n`);
    appendFileSync(path, `${line}\n`);
  };
}

const label = (server) => SERVERS[server]?.label ?? server;

function fmt(value) {
  if (value === undefined || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function fmtSummary(s, suffix = "") {
  if (!s) return "–";
  if (s.n === 1) return `${fmt(s.median)}${suffix}`;
  return `${fmt(s.median)}${suffix} (${fmt(s.min)}–${fmt(s.max)})`;
}

/** Per-run ratios a/b of `metric`, pairing the records of the same run index. */
export function ratios(records, scenario, metric, [a, b]) {
  const byRun = (server) =>
    new Map(
      records
        .filter((r) => r.scenario === scenario && r.server === server && r.ok)
        .map((r) => [r.run, r]),
    );
  const as = byRun(a);
  const bs = byRun(b);
  const values = [];
  for (const [run, ra] of as) {
    const rb = bs.get(run);
    if (rb && rb.metrics[metric] > 0) values.push(ra.metrics[metric] / rb.metrics[metric]);
  }
  return summarize(values);
}

/**
 * A Markdown table laid out the way the repository's formatter (Biome) lays it out: columns
 * padded to their widest cell, `---:` for right-aligned ones, every row with every cell.
 */
export function mdTable(headers, aligns, rows) {
  const clean = (cell) => String(cell ?? "").replace(/\|/g, "/");
  const all = [headers, ...rows].map((row) => headers.map((_, i) => clean(row[i])));
  const width = (text) => [...text].length;
  const widths = headers.map((_, i) => Math.max(3, ...all.map((row) => width(row[i]))));
  const pad = (text, i) => {
    const fill = " ".repeat(widths[i] - width(text));
    return aligns[i] === "right" ? fill + text : text + fill;
  };
  const line = (row) => `| ${row.map(pad).join(" | ")} |`;
  const rule = widths.map((w, i) =>
    aligns[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w),
  );
  return [line(all[0]), `| ${rule.join(" | ")} |`, ...all.slice(1).map(line)];
}

function serverTable(records, scenario, servers) {
  const cols = scenario.metrics;
  const extra = ["idle", "scale"].includes(scenario.name) ? [] : ["client CPU % (sum / max proc)"];
  const headers = ["server", ...cols.map((m) => m.label), ...extra];
  const rows = [];
  for (const server of servers) {
    const mine = records.filter((r) => r.scenario === scenario.name && r.server === server);
    if (mine.length === 0) continue;
    const ok = mine.filter((r) => r.ok);
    if (ok.length === 0) {
      const why = mine[0].skipped?.startsWith("Volley skipped")
        ? "skipped: not usable (see the note above)"
        : (mine[0].skipped ?? `FAILED: ${mine[0].error}`);
      rows.push([label(server), why.slice(0, 160)]);
      continue;
    }
    const cells = cols.map((m) => fmtSummary(summarize(ok.map((r) => r.metrics[m.key]))));
    if (extra.length) {
      const cpuSum = summarize(ok.map((r) => r.metrics.clientCpuPct));
      const cpuMax = summarize(ok.map((r) => r.metrics.clientCpuMaxPct));
      const bound = cpuMax?.median > 90 ? " ⚠ client-bound" : "";
      cells.push(`${fmt(cpuSum?.median)} / ${fmt(cpuMax?.median)}${bound}`);
    }
    const failed = mine.length - ok.length;
    rows.push([`${label(server)}${failed ? ` (${failed} failed)` : ""}`, ...cells]);
  }
  return mdTable(
    headers,
    headers.map((_, i) => (i === 0 ? "left" : "right")),
    rows,
  );
}

function ratioRows(records, scenarioName) {
  const metric = HEADLINE[scenarioName];
  const secondary = SECONDARY[scenarioName];
  const rows = [];
  for (const pair of PAIRS) {
    const s = ratios(records, scenarioName, metric, pair);
    if (!s) continue;
    const target = targetFor(scenarioName, pair);
    const reference = referenceFor(scenarioName, pair);
    let goal = "";
    if (target)
      goal = `target ${targetText(target)} ${meets(target, s.median) ? "✓ met" : "✗ missed"}`;
    else if (reference) goal = `said to be about ${reference.about}×`;
    const second = ratios(records, scenarioName, secondary, pair);
    rows.push({ pair, summary: s, goal, target, second });
  }
  return { metric, secondary, rows };
}

export function markdown(records, { scenarios, servers, meta }) {
  const out = [
    `# Volley bench — ${meta.mode} mode`,
    "",
    `${meta.date} · Node ${meta.node} · ${meta.cpus} CPUs (${meta.cpuModel}) · load average ${meta.loadavg} · ` +
      `${meta.runs} run(s) per server, medians with (min–max) · servers run back to back per run`,
    "",
  ];
  for (const note of meta.notes) out.push(`> ${note}`, "");
  for (const scenario of scenarios) {
    const mine = records.filter((r) => r.scenario === scenario.name);
    if (mine.length === 0) continue;
    const clients = mine.find((r) => r.ok)?.metrics.clients ?? mine[0].clients;
    out.push(
      `## ${scenario.title} (${clients} clients)`,
      "",
      ...serverTable(records, scenario, servers),
      "",
    );
    const { metric, secondary, rows } = ratioRows(records, scenario.name);
    if (rows.length) {
      const table = mdTable(
        ["ratio", metric, "goal", secondary],
        ["left", "right", "left", "right"],
        rows.map(({ pair, summary, goal, second }) => [
          `${label(pair[0])} / ${label(pair[1])}`,
          fmtSummary(summary, "×"),
          goal,
          fmtSummary(second, "×"),
        ]),
      );
      out.push("Ratios from the same run, median (min–max):", "", ...table);
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The chart's groups: one per scenario, one bar per ratio pair that has data. */
function chartGroups(records, scenarios) {
  const groups = [];
  for (const scenario of scenarios) {
    const { metric, rows } = ratioRows(records, scenario.name);
    if (rows.length === 0) continue;
    const better = scenario.metrics.find((m) => m.key === metric)?.better;
    const metricLabel = scenario.metrics.find((m) => m.key === metric)?.label ?? metric;
    groups.push({
      label: `${scenario.title}: ${metricLabel} (${better} is better)`,
      bars: rows.map(({ pair, summary, target }) => ({
        key: pair.join("/"),
        label: `${label(pair[0])} / ${label(pair[1])}`,
        ...summary,
        target,
      })),
    });
  }
  return groups;
}

export function writeReports(dir, records, context) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "latest.md"), markdown(records, context));
  writeFileSync(
    join(dir, "ratios.svg"),
    ratioChart(chartGroups(records, context.scenarios), context.meta),
  );
}
