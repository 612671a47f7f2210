import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkCaddy, checkNginx, has } from "../scripts/deploy-configs.mjs";

const docs = join(import.meta.dirname, "..");
const fixtures = join(import.meta.dirname, "fixtures", "deploy");

// `scripts/test-all.mjs` installs nginx (and Caddy) with apt when run as root; elsewhere a
// missing binary skips its check, visibly.
describe.skipIf(!has("nginx"))("nginx -t", () => {
  test("accepts docs/deploy/nginx.conf", () => {
    const result = checkNginx(join(docs, "deploy", "nginx.conf"));
    expect(result.output).toContain("test is successful");
    expect(result.ok).toBe(true);
  });

  test("refuses a config with a typo", () => {
    const result = checkNginx(join(fixtures, "broken-nginx.conf"));
    expect(result.ok).toBe(false);
    expect(result.output).toContain('unknown directive "proxy_pas"');
  });
});

describe.skipIf(!has("caddy"))("caddy validate", () => {
  test("accepts docs/deploy/Caddyfile", () => {
    const result = checkCaddy(join(docs, "deploy", "Caddyfile"));
    expect(result.output).toContain("Valid configuration");
    expect(result.ok).toBe(true);
  });

  test("refuses a Caddyfile with a typo", () => {
    const result = checkCaddy(join(fixtures, "broken.Caddyfile"));
    expect(result.ok).toBe(false);
    expect(result.output).toContain("unrecognized directive: revers_proxy");
  });
});
