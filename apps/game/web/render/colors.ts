/** One distinct colour per slot, shared by the canvas and the scoreboard. */
export const SLOT_COLORS = [
  "#fb923c",
  "#22d3ee",
  "#a3e635",
  "#f472b6",
  "#a78bfa",
  "#60a5fa",
  "#34d399",
  "#f87171",
] as const;

export function slotColor(slot: number): string {
  return SLOT_COLORS[slot % SLOT_COLORS.length]!;
}
