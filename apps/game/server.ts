// Entry point: `node dist/server.js` (see server/main.ts).
import "./server/main.js";
