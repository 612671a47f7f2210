/**
 * Keyboard steering: arrow keys and WASD become a stick vector.
 *
 * Keys typed into form fields are ignored, and everything is released when the window loses
 * focus (otherwise a key released in another window would keep the player running).
 */
import type { MoveInput } from "../../shared/simulation.js";

const DIRECTIONS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  KeyA: [-1, 0],
  KeyD: [1, 0],
  KeyW: [0, -1],
  KeyS: [0, 1],
};

export interface KeyboardStick {
  read(): MoveInput;
  dispose(): void;
}

export function keyboardStick(target: Window = window): KeyboardStick {
  const held = new Set<string>();

  const isTyping = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement | null;
    return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.isContentEditable);
  };
  const onDown = (event: KeyboardEvent) => {
    if (!(event.code in DIRECTIONS) || isTyping(event)) return;
    held.add(event.code);
    event.preventDefault();
  };
  const onUp = (event: KeyboardEvent) => {
    held.delete(event.code);
  };
  const onBlur = () => held.clear();

  target.addEventListener("keydown", onDown);
  target.addEventListener("keyup", onUp);
  target.addEventListener("blur", onBlur);

  return {
    read() {
      let x = 0;
      let y = 0;
      for (const code of held) {
        const [dx, dy] = DIRECTIONS[code]!;
        x += dx;
        y += dy;
      }
      x = Math.max(-1, Math.min(1, x));
      y = Math.max(-1, Math.min(1, y));
      const length = Math.hypot(x, y);
      return length > 1 ? { x: x / length, y: y / length } : { x, y };
    },
    dispose() {
      target.removeEventListener("keydown", onDown);
      target.removeEventListener("keyup", onUp);
      target.removeEventListener("blur", onBlur);
    },
  };
}
