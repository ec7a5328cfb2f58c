/**
 * Finds the Chromium executable render mode drives: an explicit path, then the
 * `PARTNERGUARD_CHROMIUM` environment variable, then the first browser named on `PATH`.
 * @module
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Executable names tried on `PATH`, in order (Debian's package installs `chromium`). */
export const CHROMIUM_NAMES: readonly string[] = Object.freeze(['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']);

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium to start, or null when none is found.
 * @param explicit - A path the caller gave; returned as is when executable, else null.
 * @param env - The environment (default `process.env`).
 */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (explicit !== undefined) return executable(explicit) ? explicit : null;
  const fromEnv = env.PARTNERGUARD_CHROMIUM;
  if (fromEnv !== undefined && fromEnv !== '') return executable(fromEnv) ? fromEnv : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const name of CHROMIUM_NAMES) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}
