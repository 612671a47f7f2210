import { useEffect, useRef } from "preact/hooks";
import { TICK_RATE } from "../../shared/simulation";
import { interpolate } from "../interpolate";
import { keyboardStick } from "../keyboard";
import { frames, me, startSendingInput } from "../net";
import { drawFrame } from "../render";
import { combine, touchStick } from "../touch";

/** The canvas: redrawn every animation frame, players eased between the last two snapshots. */
export function Arena() {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const keys = keyboardStick();
    const stopInput = startSendingInput(() => combine(keys.read(), touchStick()));
    let raf = 0;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const el = canvas.current;
      const ctx = el?.getContext("2d");
      if (!el || !ctx || !frames.current) return;
      if (el.width !== el.clientWidth || el.height !== el.clientHeight) {
        el.width = el.clientWidth;
        el.height = el.clientHeight;
      }
      const alpha = ((performance.now() - frames.receivedAt) * TICK_RATE) / 1000;
      const players = interpolate(frames.previous?.players ?? [], frames.current.players, alpha);
      drawFrame(ctx, { players, coins: frames.current.coins, me: me.value }, el.width, el.height);
    };
    raf = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(raf);
      stopInput();
      keys.stop();
    };
  }, []);

  return <canvas ref={canvas} class="arena" data-testid="arena" />;
}
