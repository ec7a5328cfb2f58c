import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/clicks/scan-clicks.js';
import { stableBytes, writeSample, type SampleFiles } from './sample-files.js';

let sample: SampleFiles;
beforeAll(() => {
  sample = writeSample({ seed: 5, partners: 120, days: 2, clicksPerDay: 5000 });
});
afterAll(() => rmSync(sample.dir, { recursive: true, force: true }));

describe('worker threads', () => {
  it('merge to exactly the single-thread report, verdict file and rejects', async () => {
    const run = (workers: number) =>
      scanClicks(sample.clicks, {
        conversions: sample.conversions,
        partners: sample.partners,
        workers,
        verdicts: join(sample.dir, `verdicts-${workers}.ndjson`),
        rejects: join(sample.dir, `rejects-${workers}.ndjson`),
      });
    const single = await run(1);
    const [two, three] = await Promise.all([run(2), run(3)]);
    expect(single.totals.accepted).toBeGreaterThan(8000);
    expect(two.timings.workers).toBe(2);
    expect(stableBytes(two)).toBe(stableBytes(single));
    expect(stableBytes(three)).toBe(stableBytes(single));
    const file = (name: string) => readFileSync(join(sample.dir, name), 'utf8');
    expect(file('verdicts-2.ndjson')).toBe(file('verdicts-1.ndjson'));
    expect(file('verdicts-3.ndjson')).toBe(file('verdicts-1.ndjson'));
    expect(file('rejects-2.ndjson')).toBe(file('rejects-1.ndjson'));
  }, 120_000);

  it('refuses workers for a non-file source', async () => {
    await expect(scanClicks([], { workers: 2 })).rejects.toThrow(/file path/u);
  });
});
