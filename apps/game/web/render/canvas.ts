/**
 * Draws one frame of the arena: floor, coins, the fog outside the player's sight, players with
 * their names, the touch joystick.
 *
 * A plain function of what to show (`RenderView`) and the canvas size: it keeps no state, so
 * the render loop can call it at whatever rate the browser animates. World units are scaled to
 * fit the canvas, keeping the arena's aspect ratio.
 */
import type { JoystickState } from "../input/touch.js";
import type { PlayerView, RenderView } from "../net/game-client.js";
import { slotColor } from "./colors.js";

const FLOOR = "#111a2e";
const FLOOR_LINE = "rgba(148, 163, 184, 0.08)";
const BORDER = "rgba(148, 163, 184, 0.35)";
const GRID = 48;
const FOG = "rgba(2, 6, 23, 0.72)";
const SIGHT_EDGE = "rgba(148, 163, 184, 0.3)";

export function drawFrame(
  ctx: CanvasRenderingContext2D,
  view: RenderView | null,
  size: { width: number; height: number; pixelRatio: number },
  time: number,
  joystick: JoystickState | null,
): void {
  const { width, height, pixelRatio } = size;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (!view) {
    drawMessage(ctx, width, height, "Waiting for the server…");
    return;
  }
  const scale = Math.min(width / view.rules.width, height / view.rules.height);
  const offsetX = (width - view.rules.width * scale) / 2;
  const offsetY = (height - view.rules.height * scale) / 2;

  ctx.save();
  ctx.translate(offsetX, offsetY);
  ctx.scale(scale, scale);
  drawFloor(ctx, view.rules.width, view.rules.height);
  for (const coin of view.coins)
    drawCoin(ctx, coin.x, coin.y, view.rules.coinRadius, time + coin.id * 400);
  drawFog(ctx, view);
  const ordered = [...view.players].sort((a, b) => Number(a.isMe) - Number(b.isMe));
  for (const player of ordered) drawPlayer(ctx, player, view.rules.playerRadius);
  for (const player of ordered) drawLabel(ctx, player, view.rules.playerRadius, scale);
  ctx.restore();

  if (joystick) drawJoystick(ctx, joystick);
}

function drawFloor(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  ctx.fillStyle = FLOOR;
  roundRect(ctx, 0, 0, width, height, 18);
  ctx.fill();
  ctx.save();
  ctx.clip();
  ctx.strokeStyle = FLOOR_LINE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = GRID; x < width; x += GRID) {
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  for (let y = GRID; y < height; y += GRID) {
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
  }
  ctx.stroke();
  ctx.restore();
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = 3;
  roundRect(ctx, 1.5, 1.5, width - 3, height - 3, 17);
  ctx.stroke();
}

/** Where the fog is drawn before it is laid over the frame (reused between frames). */
let fogLayer: HTMLCanvasElement | undefined;

/**
 * Darkens the arena outside the sight circles. The circles are cut out of a separate layer
 * (`destination-out`), so overlapping circles (a spectator's) merge instead of cancelling.
 */
function drawFog(ctx: CanvasRenderingContext2D, view: RenderView): void {
  const { width, height } = view.rules;
  const { radius, centers } = view.sight;
  fogLayer ??= document.createElement("canvas");
  if (fogLayer.width !== ctx.canvas.width) fogLayer.width = ctx.canvas.width;
  if (fogLayer.height !== ctx.canvas.height) fogLayer.height = ctx.canvas.height;
  const fog = fogLayer.getContext("2d");
  if (!fog) return;
  fog.setTransform(1, 0, 0, 1, 0, 0);
  fog.clearRect(0, 0, fogLayer.width, fogLayer.height);
  fog.setTransform(ctx.getTransform());
  fog.fillStyle = FOG;
  roundRect(fog, 0, 0, width, height, 18);
  fog.fill();
  fog.globalCompositeOperation = "destination-out";
  for (const c of centers) {
    const edge = fog.createRadialGradient(c.x, c.y, radius * 0.8, c.x, c.y, radius);
    edge.addColorStop(0, "rgba(0, 0, 0, 1)");
    edge.addColorStop(1, "rgba(0, 0, 0, 0)");
    fog.fillStyle = edge;
    fog.beginPath();
    fog.arc(c.x, c.y, radius, 0, Math.PI * 2);
    fog.fill();
  }
  fog.globalCompositeOperation = "source-over";
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(fogLayer, 0, 0);
  ctx.restore();
  if (centers.length === 1) {
    ctx.strokeStyle = SIGHT_EDGE;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 8]);
    ctx.beginPath();
    ctx.arc(centers[0]!.x, centers[0]!.y, radius, 0, Math.PI * 2);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}

function drawCoin(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  radius: number,
  time: number,
): void {
  const pulse = 1 + Math.sin(time / 260) * 0.08;
  const r = radius * pulse;
  drawHalo(ctx, x, y, r * 2.2, "rgba(250, 204, 21, 0.35)");
  ctx.save();
  const gradient = ctx.createRadialGradient(x - r * 0.35, y - r * 0.35, r * 0.1, x, y, r);
  gradient.addColorStop(0, "#fef9c3");
  gradient.addColorStop(0.45, "#facc15");
  gradient.addColorStop(1, "#ca8a04");
  ctx.fillStyle = gradient;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
  ctx.strokeStyle = "rgba(120, 53, 15, 0.6)";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(x, y, r * 0.62, 0, Math.PI * 2);
  ctx.stroke();
}

function drawPlayer(ctx: CanvasRenderingContext2D, player: PlayerView, radius: number): void {
  const color = slotColor(player.slot);
  ctx.save();
  ctx.globalAlpha = player.connected ? 1 : 0.35;
  if (player.isMe) {
    ctx.strokeStyle = "rgba(255, 255, 255, 0.85)";
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.arc(player.x, player.y, radius + 6, 0, Math.PI * 2);
    ctx.stroke();
  }
  drawHalo(ctx, player.x, player.y, radius * (player.isMe ? 2.4 : 1.9), `${color}66`);
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.arc(player.x, player.y, radius, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "rgba(255, 255, 255, 0.35)";
  ctx.beginPath();
  ctx.arc(player.x - radius * 0.3, player.y - radius * 0.35, radius * 0.35, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

function drawLabel(
  ctx: CanvasRenderingContext2D,
  player: PlayerView,
  radius: number,
  scale: number,
): void {
  // Labels keep a readable on-screen size whatever the arena's scale.
  const fontSize = Math.max(11, 13 / Math.max(scale, 0.6));
  const text = player.connected ? player.name : `${player.name} (reconnecting)`;
  ctx.save();
  ctx.globalAlpha = player.connected ? 1 : 0.6;
  ctx.font = `600 ${fontSize}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const width = ctx.measureText(text).width + fontSize;
  const y = player.y - radius - fontSize - 4;
  ctx.fillStyle = "rgba(2, 6, 23, 0.7)";
  roundRect(ctx, player.x - width / 2, y - fontSize * 0.75, width, fontSize * 1.5, fontSize * 0.75);
  ctx.fill();
  ctx.fillStyle = player.isMe ? "#ffffff" : "#e2e8f0";
  ctx.fillText(text, player.x, y + 0.5);
  ctx.restore();
}

/** A soft glow: a radial gradient is far cheaper than canvas shadow blur on every frame. */
function drawHalo(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  radius: number,
  color: string,
): void {
  const gradient = ctx.createRadialGradient(x, y, 0, x, y, radius);
  gradient.addColorStop(0, color);
  gradient.addColorStop(1, "rgba(0, 0, 0, 0)");
  ctx.fillStyle = gradient;
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, Math.PI * 2);
  ctx.fill();
}

function drawJoystick(ctx: CanvasRenderingContext2D, joystick: JoystickState): void {
  ctx.save();
  ctx.fillStyle = "rgba(255, 255, 255, 0.08)";
  ctx.strokeStyle = "rgba(255, 255, 255, 0.35)";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(joystick.origin.x, joystick.origin.y, joystick.radius, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = "rgba(255, 255, 255, 0.5)";
  ctx.beginPath();
  ctx.arc(joystick.knob.x, joystick.knob.y, joystick.radius * 0.42, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}

function drawMessage(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  text: string,
): void {
  ctx.fillStyle = FLOOR;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#94a3b8";
  ctx.font = "500 16px system-ui, sans-serif";
  ctx.textAlign = "center";
  ctx.fillText(text, width / 2, height / 2);
}

function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
