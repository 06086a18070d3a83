/**
 * stateward's cache directory: what it keeps to be faster next time and may lose at any time — the
 * history's immutable objects (backends/object-cache.ts under `objects/`) and V8's compiled form of the
 * CLI's own code (cli/compile-cache.ts under `compile/`). Apart from both, so the CLI's entry finds it
 * without loading either.
 */
import { isAbsolute, join, resolve } from "node:path";

/** Where the cache lives: `$STATEWARD_CACHE_DIR`, else the platform's cache directory; none without a home. */
export function cacheDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const own = env.STATEWARD_CACHE_DIR;
  if (own !== undefined && own !== "") return resolve(own);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== "" && isAbsolute(xdg)) return join(xdg, "stateward");
  if (platform === "win32" && env.LOCALAPPDATA !== undefined && env.LOCALAPPDATA !== "")
    return join(env.LOCALAPPDATA, "stateward", "cache");
  const home = env.HOME;
  if (home === undefined || home === "") return undefined;
  return platform === "darwin"
    ? join(home, "Library", "Caches", "stateward")
    : join(home, ".cache", "stateward");
}
