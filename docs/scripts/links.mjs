// Internal link check for the docs site: renders every page with VitePress's own Markdown
// renderer (so headings get the ids the site gives them, and links are read after VitePress
// rewrote them), then checks that each relative or site-absolute link names a page or file of
// the site and, when it has a `#fragment`, an id on that page. Links in the frontmatter
// (`link:` of the home page's actions) are checked too. External links are not fetched.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { createMarkdownRenderer, disposeMdItInstance } from "vitepress";

const SKIPPED_DIRS = new Set([
  "node_modules",
  ".vitepress",
  "test",
  "scripts",
  "deploy",
  ".snippets",
]);

/** The Markdown pages of a site directory, as paths relative to it with `/` separators. */
export function listPages(srcDir, skipped = SKIPPED_DIRS) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name.endsWith(".md")) {
        pages.push(relative(srcDir, join(dir, entry.name)).split(sep).join("/"));
      }
    }
  };
  walk(srcDir);
  return pages.sort();
}

/** `guide/intro.md` → `guide/intro`; `api/index.md` → `api/`. */
function routeOf(page) {
  return page.replace(/\.md$/, "").replace(/(^|\/)index$/, "$1");
}

function decodeEntities(text) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Links of the frontmatter (`link: /guide/x`), with the line they are on. */
function frontmatterLinks(source) {
  const match = /^---\n([\s\S]*?)\n---/.exec(source);
  if (!match) return [];
  return match[1]
    .split("\n")
    .map((line, i) => [/^\s*-?\s*link:\s*["']?([^"'\s]+)["']?\s*$/.exec(line)?.[1], i + 2])
    .filter(([href]) => href !== undefined);
}

function stripFrontmatter(source) {
  return source.replace(/^---\n[\s\S]*?\n---\n/, (fm) => "\n".repeat(fm.split("\n").length - 1));
}

/**
 * Checks every internal link of the given pages (default: all pages under srcDir).
 * @param {string} srcDir
 * @param {string[]} [pages]
 * @param {{ extraLinks?: { href: string, where: string }[] }} [options] links from outside
 *   the pages (the sidebar, the nav), checked like theirs
 * @returns {Promise<{ pages: number, links: number, problems: string[] }>}
 */
export async function checkLinks(srcDir, pages = listPages(srcDir), { extraLinks = [] } = {}) {
  disposeMdItInstance(); // VitePress keeps one renderer per process, bound to its srcDir
  const md = await createMarkdownRenderer(srcDir, {}, "/", { warn() {} });
  const routes = new Map(); // route -> { ids, hrefs: [{ href, where }] }
  for (const page of pages) {
    const source = readFileSync(join(srcDir, page), "utf8");
    const html = md.render(stripFrontmatter(source), {
      path: join(srcDir, page),
      relativePath: page,
      cleanUrls: true,
    });
    const ids = new Set(
      [...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decodeEntities(m[1])),
    );
    const hrefs = [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => ({
      href: decodeEntities(m[1]),
      where: page,
    }));
    for (const [href, line] of frontmatterLinks(source))
      hrefs.push({ href, where: `${page}:${line}` });
    routes.set(routeOf(page), { ids, hrefs });
  }
  for (const { href, where } of extraLinks) {
    routes.set(`\0${where}`, { ids: new Set(), hrefs: [{ href, where }] });
  }

  const problems = [];
  let links = 0;
  for (const [route, { hrefs }] of routes) {
    const from = route.startsWith("\0") ? "" : route;
    for (const { href, where } of hrefs) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) continue; // external
      links++;
      const hashAt = href.indexOf("#");
      const path = hashAt === -1 ? href : href.slice(0, hashAt);
      const fragment = hashAt === -1 ? "" : decodeURIComponent(href.slice(hashAt + 1));
      let target = from;
      if (path !== "") {
        const resolved = decodeURIComponent(new URL(path, `http://site/${from}`).pathname).slice(1);
        target = resolved.replace(/\.(html|md)$/, "");
        if (!routes.has(target) && routes.has(`${target}/`)) target = `${target}/`;
        if (!routes.has(target)) {
          const file = join(srcDir, resolved);
          const publicFile = join(srcDir, "public", resolved);
          if (!existsSync(file) && !existsSync(publicFile)) {
            problems.push(`${where}: link "${href}" leads to no page (${target || "/"})`);
          }
          continue;
        }
      }
      if (fragment !== "" && !routes.get(target)?.ids.has(fragment)) {
        problems.push(
          `${where}: link "${href}" names the anchor #${fragment}, which ${posix.join("/", target) || "/"} does not have`,
        );
      }
    }
  }
  return { pages: routes.size, links, problems };
}
