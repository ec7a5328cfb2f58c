/**
 * The renderer `screenSite({ render: true })` uses when the caller brings none: one browser
 * per executable, shared by concurrent screenings and closed after a second without use, so
 * a CLI run or a test ends without anyone closing it.
 * @module
 */
import { createRenderer, type Renderer } from './renderer.js';

const IDLE_MS = 1_000;

interface Shared {
  readonly renderer: Renderer;
  users: number;
  idle: NodeJS.Timeout | null;
}

const shared = new Map<string, Shared>();

/**
 * Runs `work` with the shared renderer of `executablePath` (default: the one found on the
 * machine), starting it if needed.
 * @throws InputError when no Chromium is found.
 */
export async function withSharedRenderer<T>(executablePath: string | undefined, work: (renderer: Renderer) => Promise<T>): Promise<T> {
  const key = executablePath ?? '';
  let entry = shared.get(key);
  if (entry === undefined) {
    entry = { renderer: createRenderer(executablePath === undefined ? {} : { executablePath }), users: 0, idle: null };
    shared.set(key, entry);
  }
  const current = entry;
  if (current.idle !== null) clearTimeout(current.idle);
  current.idle = null;
  current.users += 1;
  try {
    return await work(current.renderer);
  } finally {
    current.users -= 1;
    if (current.users === 0) {
      current.idle = setTimeout(() => {
        if (current.users > 0) return;
        shared.delete(key);
        void current.renderer.close();
      }, IDLE_MS);
    }
  }
}
