// Builds web/ into dist/public (served by the server in production). `npm run dev` runs Vite as
// the dev server, which proxies /socket.io (WebSocket included) to the Volley server.
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "3000";
/** Preact's JSX runtime, for both the transform and the dev server's dependency scan. */
const jsx = { runtime: "automatic", importSource: "preact" } as const;

export default defineConfig({
  root: "web",
  oxc: { jsx },
  optimizeDeps: { rolldownOptions: { transform: { jsx } } },
  build: { outDir: "../dist/public", emptyOutDir: true, target: "es2022" },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: { "/socket.io": { target: `http://localhost:${apiPort}`, ws: true } },
  },
});
