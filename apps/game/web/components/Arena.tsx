/** The canvas, its render loop (input sampling + drawing every animation frame) and touch joystick. */
import { useEffect, useRef } from "preact/hooks";
import type { Controls } from "../input/controls.js";
import { touchStick } from "../input/touch.js";
import type { GameClient } from "../net/game-client.js";
import { drawFrame } from "../render/canvas.js";

export function Arena({ client, controls }: { client: GameClient; controls: Controls }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const touch = touchStick(canvas);
    controls.attachTouch(touch);

    const size = { width: 0, height: 0, pixelRatio: 1 };
    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      size.pixelRatio = Math.min(window.devicePixelRatio || 1, 2);
      size.width = rect.width;
      size.height = rect.height;
      canvas.width = Math.round(rect.width * size.pixelRatio);
      canvas.height = Math.round(rect.height * size.pixelRatio);
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);

    let frame = 0;
    const loop = (now: number) => {
      client.update(now);
      drawFrame(ctx, client.view(now), size, now, touch.state());
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      controls.attachTouch(null);
      touch.dispose();
    };
  }, [client, controls]);

  return (
    <canvas
      ref={canvasRef}
      class="arena"
      data-testid="arena"
      role="img"
      aria-label="Game arena: move with the arrow keys or WASD, or drag on the arena on touch screens"
    />
  );
}
