// Builds web/ into dist/public (served by the server in production). `npm run dev` runs Vite as
// the dev server (Preact Fast Refresh: an edit keeps the page's state), proxying /socket.io,
// WebSocket included, to the Volley server on API_PORT.
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "3000";

export default defineConfig({
  root: "web",
  plugins: [preact()],
  build: { outDir: "../dist/public", emptyOutDir: true, target: "es2022" },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    strictPort: true,
    proxy: { "/socket.io": { target: `http://localhost:${apiPort}`, ws: true } },
  },
});
