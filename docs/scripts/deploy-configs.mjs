// Checks the deploying guide's proxy configs with the real servers: `nginx -t` on
// docs/deploy/nginx.conf and `caddy validate` on docs/deploy/Caddyfile, each when the binary is
// installed (`scripts/test-all.mjs` installs nginx with apt as root). Nothing is started and no
// port is opened. nginx loads the certificate files named in the config, so the check writes a
// throwaway self-signed pair (openssl) and points the config at it; everything else is as
// written.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function has(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function output(result) {
  return `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim();
}

/**
 * `nginx -t` on a file of http-level directives (what goes in conf.d/), wrapped in a minimal
 * main config under a temporary prefix.
 * @returns {{ ok: boolean, output: string }}
 */
export function checkNginx(confFile, nginx = "nginx") {
  const dir = mkdtempSync(join(tmpdir(), "volley-nginx-"));
  try {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    const ssl = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=example.com",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { encoding: "utf8" },
    );
    if (ssl.status !== 0) return { ok: false, output: `openssl failed: ${output(ssl)}` };
    const site = readFileSync(confFile, "utf8")
      .replace(/^(\s*ssl_certificate)\s+[^;]+;/m, `$1 ${cert};`)
      .replace(/^(\s*ssl_certificate_key)\s+[^;]+;/m, `$1 ${key};`);
    writeFileSync(join(dir, "site.conf"), site);
    mkdirSync(join(dir, "logs"));
    writeFileSync(
      join(dir, "nginx.conf"),
      [
        `pid ${join(dir, "nginx.pid")};`,
        `error_log ${join(dir, "logs", "error.log")};`,
        "events {}",
        "http {",
        `  access_log off;`,
        `  client_body_temp_path ${join(dir, "body")};`,
        `  proxy_temp_path ${join(dir, "proxy")};`,
        `  fastcgi_temp_path ${join(dir, "fastcgi")};`,
        `  uwsgi_temp_path ${join(dir, "uwsgi")};`,
        `  scgi_temp_path ${join(dir, "scgi")};`,
        `  include ${join(dir, "site.conf")};`,
        "}",
        "",
      ].join("\n"),
    );
    const result = spawnSync(
      nginx,
      ["-t", "-p", dir, "-e", join(dir, "logs", "error.log"), "-c", join(dir, "nginx.conf")],
      { encoding: "utf8" },
    );
    return {
      ok: result.status === 0,
      output: output(result).replaceAll(join(dir, "site.conf"), confFile),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `caddy validate` on a Caddyfile (adapts it to JSON and provisions every module, without
 * starting a server or asking for certificates). Caddy's own storage goes to a temporary home.
 * @returns {{ ok: boolean, output: string }}
 */
export function checkCaddy(caddyfile, caddy = "caddy") {
  const dir = mkdtempSync(join(tmpdir(), "volley-caddy-"));
  try {
    const result = spawnSync(caddy, ["validate", "--config", caddyfile, "--adapter", "caddyfile"], {
      encoding: "utf8",
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    });
    return { ok: result.status === 0, output: output(result) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
