/**
 * The page's files: `web/` at the package's top (shipped in the package), the front-end libraries it
 * imports, served from node_modules (no CDN: works offline), and the CLI's placeholder filler. Nothing
 * outside these is served.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "../i18n/format.js";
import { getLang, t } from "../i18n/index.js";

/**
 * `/assets/vendor/<name>` → a file of an installed package (`<package>/<path inside it>`). The page's
 * author keeps this list.
 */
export const VENDOR: Readonly<Record<string, string>> = {
  "preact-htm.js": "htm/preact/standalone.module.js",
};

/** The package's `web/` directory (from dist/ui/ and src/ui/ alike). */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web");

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8", // i18n-exempt: a MIME type
  ".js": "text/javascript; charset=utf-8", // i18n-exempt: a MIME type
  ".mjs": "text/javascript; charset=utf-8", // i18n-exempt: a MIME type
  ".css": "text/css; charset=utf-8", // i18n-exempt: a MIME type
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8", // i18n-exempt: a MIME type
  ".woff2": "font/woff2",
};

export interface Asset {
  body: Buffer;
  type: string;
}

/** A file under `root` by a relative path from the URL; undefined for anything else (no traversal). */
async function fileUnder(root: string, rel: string): Promise<Asset | undefined> {
  const type = TYPES[path.extname(rel).toLowerCase()];
  if (type === undefined || rel.includes("\0") || rel.split(/[\\/]/).includes("..")) return undefined;
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) return undefined;
  try {
    // A symbolic link out of the directory is outside it too.
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + path.sep) || !(await stat(real)).isFile()) return undefined;
    return { body: await readFile(real), type };
  } catch {
    return undefined;
  }
}

/** The directory of an installed package, found where Node would look for it from here. */
function packageDir(name: string): string | undefined {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    try {
      require.resolve(path.join(candidate, "package.json"));
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * `/assets/format.js`: how the CLI fills a message's placeholders (src/i18n/format.ts), as an ES
 * module the page imports: one way of filling them, the Chinese spacing rule included. Made from the
 * function's own text, so it is the code that runs here, in either build.
 */
function formatModule(): Asset {
  const code = `export const format = ${format.toString()};\n`; // i18n-exempt: JavaScript source
  return { body: Buffer.from(code), type: TYPES[".js"]! };
}

/** `/assets/<rel>`: the placeholder filler, a vendor library, or a file of web/. */
export async function asset(rel: string): Promise<Asset | undefined> {
  if (rel === "format.js") return formatModule();
  if (rel.startsWith("vendor/")) {
    const target = VENDOR[rel.slice("vendor/".length)];
    if (target === undefined) return undefined;
    const parts = target.split("/");
    const name = parts[0]!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
    const dir = packageDir(name);
    return dir === undefined ? undefined : fileUnder(dir, target.slice(name.length + 1));
  }
  return fileUnder(WEB_DIR, rel);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** The session's language as an HTML `lang` (the page's script sets the same). */
function htmlLang(): string {
  return getLang() === "zh" ? "zh-CN" : getLang();
}

/** A page of one heading and one paragraph (no inline script or style: the CSP forbids them). */
function simplePage(title: string, body: string): Buffer {
  const html = [
    "<!doctype html>", // i18n-exempt: HTML markup
    `<html lang="${htmlLang()}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`,
  ].join("\n");
  return Buffer.from(html);
}

/**
 * `GET /`: web/index.html in the session's language (its `lang`, and the words shown before or without
 * the script), or a placeholder page while web/ is not there.
 */
export async function indexPage(): Promise<Asset> {
  const page = await fileUnder(WEB_DIR, "index.html");
  if (page === undefined)
    return { body: simplePage("stateward ui", t("ui.page.placeholder")), type: TYPES[".html"]! };
  const html = page.body
    .toString("utf8")
    .replace(/<html lang="[^"]*">/, `<html lang="${htmlLang()}">`) // i18n-exempt: HTML markup
    .replace(/<noscript>[^<]*<\/noscript>/, `<noscript>${escapeHtml(t("ui.page.noscript"))}</noscript>`);
  return { body: Buffer.from(html), type: page.type };
}

/** The 401 page for a request without the token (not under /api/). */
export function unauthorizedPage(): Asset {
  return {
    body: simplePage(t("ui.page.unauthorized.title"), t("ui.page.unauthorized.body")),
    type: TYPES[".html"]!,
  };
}
