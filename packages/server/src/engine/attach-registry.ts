/**
 * One engine per HTTP server and path. Two engines on one path of one HTTP server would both
 * answer its requests (a second `new Server(httpServer)` silently taking over the first one's
 * connections), so `EngineServer.attach` claims the path here first and throws when it is
 * taken. The registry is a module-private WeakMap: it holds no server alive and is no member
 * anyone can reach.
 */

/** HTTP server → path → the engine serving it. */
const claims = new WeakMap<object, Map<string, object>>();

/**
 * Record that `engine` serves `path` on `server`.
 * @throws {Error} when another engine already serves that path there
 */
export function claimPath(server: object, path: string, engine: object): void {
  let paths = claims.get(server);
  if (paths === undefined) {
    paths = new Map();
    claims.set(server, paths);
  }
  const owner = paths.get(path);
  if (owner !== undefined && owner !== engine) {
    throw new Error(
      `EngineServer.attach(): another Volley engine already serves "${path}" on this HTTP ` +
        "server (a second new Server(httpServer)?). Close the first one, or give each its own path.",
    );
  }
  paths.set(path, engine);
}

/** Forget the claim of `engine` on `path` of `server` (the engine closed). */
export function releasePath(server: object, path: string, engine: object): void {
  const paths = claims.get(server);
  if (paths?.get(path) === engine) paths.delete(path);
}
