// Compiles to dist/server.js, the entry the README and the e2e harness start.
import "./server/main.js";
