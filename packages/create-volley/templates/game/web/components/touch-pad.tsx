import { DIRECTIONS, type Direction, held } from "../touch";

const ARROWS: Record<Direction, string> = { up: "▲", down: "▼", left: "◀", right: "▶" };

/**
 * Four buttons held with a finger (pointer events, so a mouse works too). Shown on touch
 * screens and narrow windows (see styles.css); the keyboard keeps working everywhere.
 */
export function TouchPad() {
  const press = (direction: Direction) => (event: PointerEvent) => {
    event.preventDefault();
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    held.add(direction);
  };
  const release = (direction: Direction) => () => held.delete(direction);
  return (
    <div class="pad" data-testid="touch-pad">
      {DIRECTIONS.map((direction) => (
        <button
          key={direction}
          type="button"
          class={`pad-${direction}`}
          data-testid={`pad-${direction}`}
          aria-label={`Move ${direction}`}
          onPointerDown={press(direction)}
          onPointerUp={release(direction)}
          onPointerCancel={release(direction)}
          onLostPointerCapture={release(direction)}
          onContextMenu={(e) => e.preventDefault()}
        >
          {ARROWS[direction]}
        </button>
      ))}
    </div>
  );
}
