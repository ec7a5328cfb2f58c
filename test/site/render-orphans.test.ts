/**
 * A process that dies without closing its renderer (killed, crashed) leaves no Chromium behind:
 * the browser talks over a pipe and exits when its parent does.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeRender } from '../helpers/chromium.js';

/** Pids of live processes whose environment holds `tag`. */
function processesTagged(tag: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(tag)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

describeRender('render mode leaves no browser behind', () => {
  it('a renderer whose process is killed takes its Chromium with it', async () => {
    const tag = `PARTNERGUARD_TEST_TAG=${randomUUID()}`;
    const script = fileURLToPath(new URL('../fixtures/render/die-after-render.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, PARTNERGUARD_TEST_TAG: tag.split('=')[1] }, encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout).toContain('rendered');
    expect(child.signal).toBe('SIGKILL');
    // Chromium notices the closed pipe within moments; wait a bounded while.
    let left = processesTagged(tag);
    for (let i = 0; i < 50 && left.length > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = processesTagged(tag);
    }
    expect(left).toEqual([]);
  });
});
