import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const screener = fileURLToPath(new URL('../../src/clicks/screener.ts', import.meta.url));
const scan = fileURLToPath(new URL('../../src/clicks/scan-clicks.ts', import.meta.url));

describe('long-lived state and the rows it came from', () => {
  it('keeps no click row alive through the online screener (fields cut from long CSV lines)', () => {
    // Each click's partner, user agent and address are slices of a 200 KB line, as the CSV
    // reader hands them out. The screener keeps all 2 000 partners and agents: if it kept the
    // slices, it would hold the 400 MB of lines.
    const script = `import { createClickScreener } from ${JSON.stringify(screener)};
const s = createClickScreener();
s.score({ clickId: 'warm', timestamp: 1_700_000_000_000, partnerId: 'p', ip: '81.2.69.160', userAgent: 'curl/8.4.0' });
globalThis.gc(); const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 2_000; i += 1) {
  const line = 'partner-' + i + '-of-the-program,Mozilla/5.0 (Windows NT 10.0) Chrome/' + (100 + i) + '.0.0.0 Safari/537.36,81.2.' + (i % 250) + '.' + (i % 200) + ',' + 'x'.repeat(200_000);
  const [partnerId, userAgent, ip] = [0, 1, 2].map((k) => { let a = 0; for (let j = 0; j < k; j += 1) a = line.indexOf(',', a) + 1; return line.slice(a, line.indexOf(',', a)); });
  s.score({ clickId: 'c' + i, timestamp: 1_700_000_000_000 + i, partnerId, ip, userAgent });
}
globalThis.gc(); console.log((process.memoryUsage().heapUsed - before) / 1048576);`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBeLessThan(60);
  });
});

describe('the batch scan', () => {
  it('keeps no conversion row alive while it holds the conversions (fields cut from long CSV lines)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-retention-'));
    try {
      const clicks = ['clickId,timestamp,partnerId,ip,userAgent'];
      const conversions = ['conversionId,clickId,partnerId,timestamp,ip,deviceId,notes'];
      for (let i = 0; i < 1_000; i += 1) {
        clicks.push(`click-${i}-of-the-day,${1_700_000_000_000 + i},partner-${i % 50}-of-the-program,81.2.69.${i % 250},Mozilla/5.0 Chrome/124.0.0.0`);
        conversions.push(`conversion-${i}-of-the-day,click-${i}-of-the-day,partner-${i % 50}-of-the-program,${1_700_000_100_000 + i},81.2.69.${i % 250},device-${i}-0123456789,${'x'.repeat(50_000)}`);
      }
      writeFileSync(join(dir, 'clicks.csv'), `${clicks.join('\n')}\n`);
      writeFileSync(join(dir, 'conversions.csv'), `${conversions.join('\n')}\n`);
      // The last progress call comes after the clicks, while every conversion is still held.
      const script = `import { scanClicks } from ${JSON.stringify(scan)};
let held = 0;
const report = await scanClicks(${JSON.stringify(join(dir, 'clicks.csv'))}, { conversions: ${JSON.stringify(join(dir, 'conversions.csv'))}, onProgress: () => { globalThis.gc(); held = process.memoryUsage().heapUsed; } });
console.log(held / 1048576, report.totals.conversionsJoined);`;
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const [mb, joined] = run.stdout.trim().split(' ').map(Number);
      expect(joined).toBe(1_000);
      // The 1 000 lines of 50 KB are 50 MB; the scan itself (IP and agent data loaded) takes about half that.
      expect(mb).toBeLessThan(45);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
