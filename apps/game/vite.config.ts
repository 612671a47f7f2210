import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The web client. `pnpm dev` runs Vite on PORT (3001) with hot reload and proxies the realtime
// traffic (`/socket.io`, WebSocket included) to the game server started by scripts/dev.mjs.
const serverPort = Number(process.env.GAME_SERVER_PORT ?? 3002);

export default defineConfig({
  root: "web",
  plugins: [preact()],
  build: { outDir: "../dist/public", emptyOutDir: true },
  server: {
    port: Number(process.env.PORT ?? 3001),
    proxy: {
      "/socket.io": { target: `http://localhost:${serverPort}`, ws: true },
    },
  },
});
