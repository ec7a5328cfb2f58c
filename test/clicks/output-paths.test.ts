import { copyFileSync, linkSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClicks } from '../../src/builtin.js';
import { InputError } from '../../src/engine/errors.js';
import { runCli } from '../helpers/cli.js';
import { writeSample, type SampleFiles } from './sample-files.js';

let sample: SampleFiles;
let dir: string;
beforeAll(() => {
  sample = writeSample({ seed: 5, partners: 10, days: 1, clicksPerDay: 200 });
  dir = mkdtempSync(join(tmpdir(), 'pg-outputs-'));
});
afterAll(() => {
  rmSync(sample.dir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const bytes = (path: string) => statSync(path).size;

describe('output paths that name an input are refused before anything is written', () => {
  it('--rejects on the click file leaves the click file whole', async () => {
    const before = readFileSync(sample.clicks);
    const run = await runCli(['clicks', sample.clicks, '--rejects', sample.clicks]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--rejects file .* is the click file .*would destroy the input/u);
    expect(readFileSync(sample.clicks).equals(before)).toBe(true);
  });

  it('--out on the partners file, through a hard link and a symbolic link', async () => {
    const partners = join(dir, 'partners.json');
    copyFileSync(sample.partners, partners);
    const size = bytes(partners);
    const hard = join(dir, 'hard.json');
    const soft = join(dir, 'soft.json');
    linkSync(partners, hard);
    symlinkSync(partners, soft);
    for (const out of [partners, hard, soft, `${dir}/./partners.json`]) {
      const run = await runCli(['clicks', sample.clicks, '--partners', partners, '--out', out]);
      expect(run.code, out).toBe(1);
      expect(run.stderr).toMatch(/--out file .* is the --partners file/u);
      expect(bytes(partners)).toBe(size);
    }
  });

  it('--verdicts on the conversions file, in the API too', async () => {
    const size = bytes(sample.conversions);
    await expect(scanClicks(sample.clicks, { conversions: sample.conversions, verdicts: sample.conversions })).rejects.toThrow(InputError);
    await expect(scanClicks(sample.clicks, { conversions: sample.conversions, verdicts: sample.conversions })).rejects.toThrow(/verdicts file .* is the conversions file/u);
    expect(bytes(sample.conversions)).toBe(size);
  });

  it('two outputs on one file, existing or not, are refused; /dev/null may take both', async () => {
    const fresh = join(dir, 'both.ndjson');
    const run = await runCli(['clicks', sample.clicks, '--rejects', fresh, '--verdicts', `${dir}/../${dir.split('/').pop()}/both.ndjson`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--verdicts and --rejects outputs both name/u);
    const report = join(dir, 'report.json');
    const again = await runCli(['clicks', sample.clicks, '--out', report, '--rejects', join(dir, 'r.ndjson'), '--verdicts', join(dir, 'r.ndjson')]);
    expect(again.code).toBe(1);
    const ok = await runCli(['clicks', sample.clicks, '--rejects', '/dev/null', '--verdicts', '/dev/null']);
    expect(ok.code).toBe(0);
  });
});

describe('output aliases through a link to a file not yet written (from a review)', () => {
  it('refuses --rejects and --verdicts when one is a dangling link to the other', async () => {
    const { symlinkSync: link } = await import('node:fs');
    const target = join(dir, 'dtarget.ndjson');
    const dangling = join(dir, 'dangle.ndjson');
    link(target, dangling);
    const run = await runCli(['clicks', sample.clicks, '--rejects', dangling, '--verdicts', target]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/outputs both name/u);
  });
});
