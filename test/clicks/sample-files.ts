/** Writes a generated sample program to real NDJSON files in a temp directory (tests read files, as users do). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProgram, type ProgramOptions, type SampleProgram } from '../../scripts/sample/generate.js';

export interface SampleFiles {
  readonly dir: string;
  readonly clicks: string;
  readonly conversions: string;
  readonly partners: string;
  readonly program: SampleProgram;
  readonly badClickRows: number;
}

export function writeSample(options: ProgramOptions = {}): SampleFiles {
  const dir = mkdtempSync(join(tmpdir(), 'pg-scan-'));
  const program = generateProgram(options);
  const clicks: string[] = [];
  const conversions: string[] = [];
  let badClickRows = 0;
  for (const r of program.records()) {
    if (r.kind === 'click') clicks.push(JSON.stringify(r.click));
    else if (r.kind === 'conversion') conversions.push(JSON.stringify(r.conversion));
    else if (r.kind === 'bad-click') {
      clicks.push(r.line);
      badClickRows += 1;
    } else conversions.push(r.line);
  }
  const files = { clicks: join(dir, 'clicks.ndjson'), conversions: join(dir, 'conversions.ndjson'), partners: join(dir, 'partners.json') };
  writeFileSync(files.clicks, `${clicks.join('\n')}\n`);
  writeFileSync(files.conversions, `${conversions.join('\n')}\n`);
  writeFileSync(files.partners, JSON.stringify(program.partners));
  return { dir, ...files, program, badClickRows };
}

/** The report without its wall-clock part, as bytes. */
export function stableBytes(report: { timings: unknown }): string {
  const { timings: _timings, ...rest } = report;
  return JSON.stringify(rest);
}
