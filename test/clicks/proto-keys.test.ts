import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readClicks } from '../../src/clicks/read.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-proto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string, options: Parameters<typeof readClicks>[1] = {}) {
  const out = [];
  for await (const r of readClicks(path, options)) out.push(r);
  return out;
}

describe('input keys named __proto__', () => {
  it('a CSV column named __proto__ can be mapped like any other', async () => {
    const csv = join(dir, 'proto.csv');
    writeFileSync(csv, '__proto__,timestamp,partnerId,ip,userAgent\nc-1,2024-05-06T00:00:00Z,p1,203.0.113.9,curl/8\n');
    const rows = await all(csv, { mapping: { clickId: '__proto__' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ok: true, record: { clickId: 'c-1' } });
    const run = await runCli(['clicks', csv, '--map', 'clickId=__proto__', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { totals: { accepted: number } }).totals.accepted).toBe(1);
  });

  it('--map __proto__=x is refused as an unknown field, as --map constructor=x is', async () => {
    const csv = join(dir, 'plain.csv');
    writeFileSync(csv, 'clickId,timestamp,partnerId,ip,userAgent\nc-1,2024-05-06T00:00:00Z,p1,203.0.113.9,curl/8\n');
    for (const field of ['__proto__', 'constructor']) {
      const run = await runCli(['clicks', csv, '--map', `${field}=x`]);
      expect(run.code, field).toBe(1);
      expect(run.stderr).toContain(`"${field}" is not a click field`);
    }
  });

  it('a header named __proto__ plants no inherited header values', async () => {
    const ndjson = join(dir, 'proto-headers.ndjson');
    writeFileSync(ndjson, `${JSON.stringify({ clickId: 'c-1', timestamp: 1714953600000, partnerId: 'p1', ip: '203.0.113.9', userAgent: 'curl/8', headers: JSON.parse('{"__proto__":{"sec-fetch-dest":"iframe"}}') as unknown })}\n`);
    const rows = await all(ndjson, { mapping: { subId: 'subId' } });
    const row = rows[0]!;
    // Either rejected (an object is no header value) or kept as an own key: never inherited.
    if (row.ok) expect((row.record.headers as Record<string, string> | undefined)?.['sec-fetch-dest']).toBeUndefined();
    else expect(row.reject.reason).toMatch(/headers/u);
  });
});
