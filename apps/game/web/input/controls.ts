/**
 * The player's stick: the keyboard when a key is held, otherwise the touch joystick (attached
 * by the arena while it is on screen).
 */
import type { MoveInput } from "../../shared/simulation.js";
import { keyboardStick } from "./keyboard.js";
import type { TouchStick } from "./touch.js";

export interface Controls {
  read(): MoveInput;
  attachTouch(stick: TouchStick | null): void;
  touch(): TouchStick | null;
}

export function createControls(): Controls {
  const keyboard = keyboardStick();
  let touch: TouchStick | null = null;
  return {
    read() {
      const keys = keyboard.read();
      if (keys.x !== 0 || keys.y !== 0) return keys;
      return touch?.read() ?? { x: 0, y: 0 };
    },
    attachTouch(stick) {
      touch = stick;
    },
    touch: () => touch,
  };
}
