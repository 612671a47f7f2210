/**
 * Touch steering: a floating on-screen joystick. Put a finger down anywhere on the arena and
 * drag; the offset from where the finger landed is the stick (full speed at `radius` pixels).
 * The canvas renderer draws the joystick from `state()`.
 */
import type { MoveInput } from "../../shared/simulation.js";

export interface JoystickState {
  /** Where the finger landed and where it is now, in CSS pixels relative to the element. */
  origin: { x: number; y: number };
  knob: { x: number; y: number };
  radius: number;
}

export interface TouchStick {
  read(): MoveInput;
  state(): JoystickState | null;
  dispose(): void;
}

export function touchStick(element: HTMLElement, radius = 56): TouchStick {
  let pointerId: number | null = null;
  let current: JoystickState | null = null;

  const local = (event: PointerEvent) => {
    const rect = element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const onDown = (event: PointerEvent) => {
    if (event.pointerType === "mouse" || pointerId !== null) return;
    pointerId = event.pointerId;
    element.setPointerCapture?.(event.pointerId);
    const at = local(event);
    current = { origin: at, knob: at, radius };
    event.preventDefault();
  };
  const onMove = (event: PointerEvent) => {
    if (event.pointerId !== pointerId || !current) return;
    const at = local(event);
    const dx = at.x - current.origin.x;
    const dy = at.y - current.origin.y;
    const length = Math.hypot(dx, dy);
    const scale = length > radius ? radius / length : 1;
    current = {
      ...current,
      knob: { x: current.origin.x + dx * scale, y: current.origin.y + dy * scale },
    };
    event.preventDefault();
  };
  const onUp = (event: PointerEvent) => {
    if (event.pointerId !== pointerId) return;
    pointerId = null;
    current = null;
  };

  element.addEventListener("pointerdown", onDown);
  element.addEventListener("pointermove", onMove);
  element.addEventListener("pointerup", onUp);
  element.addEventListener("pointercancel", onUp);

  return {
    read() {
      if (!current) return { x: 0, y: 0 };
      return {
        x: (current.knob.x - current.origin.x) / radius,
        y: (current.knob.y - current.origin.y) / radius,
      };
    },
    state: () => current,
    dispose() {
      element.removeEventListener("pointerdown", onDown);
      element.removeEventListener("pointermove", onMove);
      element.removeEventListener("pointerup", onUp);
      element.removeEventListener("pointercancel", onUp);
    },
  };
}
