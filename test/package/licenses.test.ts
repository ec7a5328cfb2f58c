import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
}
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, LockEntry> };
const entries = Object.entries(lock.packages).filter(([path]) => path !== '');

describe('dependency licences', () => {
  it('keeps ua-parser-js on 1.x (2.x is AGPL)', () => {
    const versions = entries.filter(([path]) => path.endsWith('node_modules/ua-parser-js')).map(([, e]) => e.version);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(v).toMatch(/^1\./u);
  });

  it('has no copyleft licence anywhere in the installed tree', () => {
    const copyleft = entries.filter(([, e]) => /\b(?:A?GPL|LGPL|SSPL|EUPL)\b/iu.test(e.license ?? '')).map(([path, e]) => `${path} (${e.license})`);
    expect(copyleft).toEqual([]);
  });
});
