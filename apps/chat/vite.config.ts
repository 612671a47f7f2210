// Builds web/ into dist/public (served by dist/server.js); `vite` alone is the dev server, which
// proxies the realtime API (WebSocket included) to the chat server started by scripts/dev.mjs.
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const apiPort = process.env.CHAT_API_PORT ?? "3000";

export default defineConfig({
  root: "web",
  plugins: [preact()],
  build: { outDir: "../dist/public", emptyOutDir: true, target: "es2022" },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: { "/socket.io": { target: `http://localhost:${apiPort}`, ws: true } },
  },
});
