/** Arrow keys / WASD -> a stick. */
import type { Stick } from "../shared/simulation";

const AXES: Record<string, Stick> = {
  ArrowUp: { x: 0, y: -1 },
  KeyW: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  KeyS: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  KeyA: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  KeyD: { x: 1, y: 0 },
};

/** Starts listening; returns the reader of the current stick and a function to stop. */
export function keyboardStick(target: Window = window): { read: () => Stick; stop: () => void } {
  const down = new Set<string>();
  const onKey = (event: KeyboardEvent) => {
    if (!(event.code in AXES)) return;
    event.preventDefault();
    if (event.type === "keydown") down.add(event.code);
    else down.delete(event.code);
  };
  const onBlur = () => down.clear();
  target.addEventListener("keydown", onKey);
  target.addEventListener("keyup", onKey);
  target.addEventListener("blur", onBlur);
  const read = (): Stick => {
    let x = 0;
    let y = 0;
    for (const code of down) {
      x += AXES[code]?.x ?? 0;
      y += AXES[code]?.y ?? 0;
    }
    const length = Math.hypot(x, y);
    return length > 1 ? { x: x / length, y: y / length } : { x, y };
  };
  const stop = () => {
    target.removeEventListener("keydown", onKey);
    target.removeEventListener("keyup", onKey);
    target.removeEventListener("blur", onBlur);
  };
  return { read, stop };
}
