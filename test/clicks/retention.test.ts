import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// V8 keeps a slice of 13+ characters as a view of the string it was cut from, so long-lived
// state that kept a field cut from a CSV line would keep the whole line alive. Each test
// feeds fields cut from long lines and measures, after a full GC in a fresh process, the heap
// still held: megabytes if only the fields are kept, hundreds if the lines are.

const src = (path: string): string => JSON.stringify(fileURLToPath(new URL(`../../src/${path}`, import.meta.url)));

/** Runs an ES module script with `--expose-gc`; returns the numbers it printed. */
function run(script: string): number[] {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return child.stdout.trim().split(' ').map(Number);
}

/** Field `k` (0-based, comma-separated) of a line, as a slice of it: as the CSV reader cuts fields. */
const FIELD = `const field = (line, k) => { let a = 0; for (let j = 0; j < k; j += 1) a = line.indexOf(',', a) + 1; const b = line.indexOf(',', a); return line.slice(a, b === -1 ? line.length : b); };`;

describe('long-lived state keeps no input line alive', () => {
  it('in a two-generation cache, for new keys and for keys promoted from the old generation', () => {
    const [fresh, promoted] = run(`import { TwoGenerationCache } from ${src('shared/two-generation-cache.ts')};
${FIELD}
const line = (i) => 'key-number-' + i + '-of-the-test,' + 'x'.repeat(200_000);
const measure = (body) => { globalThis.gc(); const before = process.memoryUsage().heapUsed; body(); globalThis.gc(); return (process.memoryUsage().heapUsed - before) / 1048576; };
const a = new TwoGenerationCache(8_000);
const fresh = measure(() => { for (let i = 0; i < 2_000; i += 1) a.set(field(line(i), 0), i); });
// 4 000 keys fill the young generation; 1 000 more push them to the old one, from which
// 2 000 are then looked up again, by slices of long lines, and promoted.
const b = new TwoGenerationCache(8_000);
for (let i = 0; i < 5_000; i += 1) b.set('key-number-' + i + '-of-the-test', i);
const promoted = measure(() => { for (let i = 0; i < 2_000; i += 1) if (b.get(field(line(i), 0)) !== i) throw new Error('lost ' + i); });
console.log(fresh, promoted);`);
    expect(fresh).toBeLessThan(20);
    expect(promoted).toBeLessThan(20);
  });

  it('in the memo of headers objects the scan reader parses once per text', () => {
    // 600 distinct headers texts, each cut from a 16 000-character line (the longest the line
    // parser reads), all held by the memo (a second pass computes nothing): well under 1 MB if
    // the texts are copied, ~10 MB if the lines are kept.
    const [mb, computed] = run(`import { TextMemo } from ${src('shared/text-memo.ts')};
let computed = 0;
const memo = new TextMemo(64, (text) => { computed += 1; return JSON.parse(text); });
const headers = (i) => '{"sec-fetch-dest":"document","x-n":"' + 'n'.repeat(i % 97) + i + '"}';
globalThis.gc(); const before = process.memoryUsage().heapUsed;
for (let pass = 0; pass < 2; pass += 1) for (let i = 0; i < 600; i += 1) {
  const line = '{"clickId":"c' + i + '","headers":' + headers(i) + ',"pad":"' + 'x'.repeat(15_900) + '"}';
  const at = line.indexOf('{', 1);
  if (memo.get(line.slice(at, line.indexOf('}', at) + 1))['x-n'].endsWith(String(i)) !== true) throw new Error('wrong answer ' + i);
}
globalThis.gc(); console.log((process.memoryUsage().heapUsed - before) / 1048576, computed);`);
    expect(computed).toBe(600);
    expect(mb).toBeLessThan(3);
  });

  it('in the user-agent cache, for agents and for their client hints', () => {
    const [mb] = run(`import { AgentCache } from ${src('clicks/agent-cache.ts')};
${FIELD}
const agent = Object.freeze({ kind: 'browser', category: undefined, name: 'Chrome', signals: Object.freeze([]) });
globalThis.gc(); const before = process.memoryUsage().heapUsed;
const cache = new AgentCache(100_000);
for (let i = 0; i < 2_000; i += 1) {
  const line = 'Mozilla/5.0 (' + i + ') AppleWebKit/537.36,"Brand ' + i + '";v="124",' + '"Platform ' + i + '",?0 mobile ' + i + ' hint,' + 'x'.repeat(200_000);
  cache.addVariant(cache.entry(field(line, 0)), field(line, 1), field(line, 2), field(line, 3), agent);
}
globalThis.gc(); console.log((process.memoryUsage().heapUsed - before) / 1048576, cache.bytes);`);
    expect(mb).toBeLessThan(20);
  });

  it('in the online screener, with built-in and with caller-supplied classifiers', () => {
    for (const signals of ['undefined', '{ classifyUserAgent, classifyIp }']) {
      // 2 000 partners, agents and (IPv6) addresses, each a slice of a 200 KB line.
      const [mb] = run(`import { createClickScreener } from ${src('builtin.ts')};
import { classifyIp, classifyUserAgent } from ${src('index.ts')};
${FIELD}
const s = createClickScreener({ signals: ${signals} });
s.score({ clickId: 'warm', timestamp: 1_700_000_000_000, partnerId: 'p', ip: '81.2.69.160', userAgent: 'curl/8.4.0' });
globalThis.gc(); const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 2_000; i += 1) {
  const line = 'partner-' + i + '-of-the-program,Mozilla/5.0 (Windows NT 10.0) Chrome/' + (100 + i) + '.0.0.0 Safari/537.36,2a02:c7f:' + i.toString(16) + '::1,' + 'x'.repeat(200_000);
  s.score({ clickId: 'c' + i, timestamp: 1_700_000_000_000 + i, partnerId: field(line, 0), userAgent: field(line, 1), ip: field(line, 2) });
}
globalThis.gc(); const held = (process.memoryUsage().heapUsed - before) / 1048576;
// The screener is used after the measurement, so that it is alive during it.
console.log(held, s.score({ clickId: 'last', timestamp: 1_700_000_100_000, partnerId: 'p', ip: '81.2.69.160', userAgent: 'curl/8.4.0' }).score);`);
      expect(mb, `signals: ${signals}`).toBeLessThan(60);
    }
  });

  it('in a batch scan, which keeps partners, conversions and joined clicks to its end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-retention-'));
    try {
      // 1 000 partners of one click each, every click converting; click and conversion lines
      // each carry 50 KB of other columns. Long partner ids, IPv6 addresses and device ids, so
      // that every field kept is a slice. Conversions have no address or device of their own:
      // the joined click's are kept for the shared-converter rule.
      const clicks = ['clickId,timestamp,partnerId,ip,userAgent,deviceId,notes'];
      const conversions = ['conversionId,clickId,partnerId,timestamp,notes'];
      for (let i = 0; i < 1_000; i += 1) {
        clicks.push(`click-${i}-of-the-day,${1_700_000_000_000 + i},partner-${i}-of-the-program,2a02:c7f:${i.toString(16)}::1,Mozilla/5.0 Chrome/124.0.0.0,device-${i}-0123456789,${'x'.repeat(50_000)}`);
        conversions.push(`conversion-${i}-of-the-day,click-${i}-of-the-day,partner-${i}-of-the-program,${1_700_000_100_000 + i},${'x'.repeat(50_000)}`);
      }
      writeFileSync(join(dir, 'clicks.csv'), `${clicks.join('\n')}\n`);
      writeFileSync(join(dir, 'conversions.csv'), `${conversions.join('\n')}\n`);
      // The last progress call comes after the clicks, while everything is still held.
      const [mb, joined] = run(`import { scanClicks } from ${src('builtin.ts')};
let held = 0;
const report = await scanClicks(${JSON.stringify(join(dir, 'clicks.csv'))}, { conversions: ${JSON.stringify(join(dir, 'conversions.csv'))}, onProgress: () => { globalThis.gc(); held = process.memoryUsage().heapUsed; } });
console.log(held / 1048576, report.totals.conversionsJoined);`);
      expect(joined).toBe(1_000);
      // Each kind of line kept would add 50 MB; the scan itself (IP and agent data) takes about 30.
      expect(mb).toBeLessThan(55);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
