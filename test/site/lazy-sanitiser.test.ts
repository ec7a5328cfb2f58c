import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Runs `body` in a fresh Node process after importing partnerguard; returns what it printed. */
function inFreshProcess(body: string): string {
  const script = `import * as pg from ${JSON.stringify(index)};
import { createRequire } from 'node:module';
const jsdomLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/jsdom/'));
${body}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).not.toMatch(/Error/u);
  return run.stdout.trim();
}

describe('the sanitiser (DOMPurify on jsdom)', () => {
  it('is not loaded by importing partnerguard, so click scans and their workers never pay for it', () => {
    expect(inFreshProcess('console.log(jsdomLoaded());')).toBe('false');
  });

  it('is loaded by the first site analysis that builds a snapshot', () => {
    const out = inFreshProcess(`pg.analyzeHtml('<p>hello</p><img src="x" onerror="alert(1)">', { url: 'https://site.example/' });
console.log(jsdomLoaded());`);
    expect(out).toBe('true');
  });
});
