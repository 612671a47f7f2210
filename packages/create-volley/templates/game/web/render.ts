/**
 * Draws one frame: the floor, coins and players. A plain function of what to show and the
 * canvas size, scaled to fit while keeping the arena's aspect ratio.
 */
import type { Coin, Player } from "../shared/simulation";
import { RULES } from "../shared/simulation";

export const COLORS = [
  "#f59e0b",
  "#38bdf8",
  "#f472b6",
  "#4ade80",
  "#a78bfa",
  "#fb7185",
  "#2dd4bf",
  "#facc15",
];

export function drawFrame(
  ctx: CanvasRenderingContext2D,
  view: { players: Player[]; coins: Coin[]; me: string | null },
  width: number,
  height: number,
): void {
  const scale = Math.min(width / RULES.width, height / RULES.height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.translate((width - RULES.width * scale) / 2, (height - RULES.height * scale) / 2);
  ctx.scale(scale, scale);

  ctx.fillStyle = "#111a2e";
  ctx.fillRect(0, 0, RULES.width, RULES.height);

  ctx.fillStyle = "#fbbf24";
  for (const coin of view.coins) {
    ctx.beginPath();
    ctx.arc(coin.x, coin.y, RULES.coinRadius, 0, Math.PI * 2);
    ctx.fill();
  }

  ctx.font = "14px system-ui, sans-serif";
  ctx.textAlign = "center";
  for (const player of view.players) {
    ctx.fillStyle = COLORS[player.slot % COLORS.length]!;
    ctx.beginPath();
    ctx.arc(player.x, player.y, RULES.playerRadius, 0, Math.PI * 2);
    ctx.fill();
    if (player.id === view.me) {
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 3;
      ctx.stroke();
    }
    ctx.fillStyle = "#e2e8f0";
    ctx.fillText(player.name, player.x, player.y - RULES.playerRadius - 6);
  }
}
