/**
 * Writes a generated program to a folder: `clicks.ndjson[.gz]`, `conversions.ndjson[.gz]`,
 * `partners.json`, `labels.json` and `summary.json`, streaming with backpressure.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { generateProgram, FRAUD_TYPES, type FraudType, type ProgramOptions } from './generate.js';

/** Options of {@link writeProgram}: the program's options plus output format. */
export interface WriteProgramOptions extends ProgramOptions {
  /** Gzip the click and conversion files (adds `.gz`). Default false. */
  gzip?: boolean;
}

/** What {@link writeProgram} wrote. */
export interface ProgramSummary {
  /** The program options, defaults filled in. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The period covered, ISO-8601. */
  readonly period: { readonly start: string; readonly end: string };
  /** Valid click rows written. */
  readonly clicks: number;
  /** Valid conversion rows written. */
  readonly conversions: number;
  /** Malformed click rows written, by the reason the reader gives them. */
  readonly badClickRows: Readonly<Record<string, number>>;
  /** Malformed conversion rows written, by reason. */
  readonly badConversionRows: Readonly<Record<string, number>>;
  /** Partners listed in `partners.json`. */
  readonly partners: number;
  /** Labelled partners by label. */
  readonly labels: Readonly<Record<FraudType, number>>;
  /** Valid clicks by partner label (`clean` included). */
  readonly clicksByLabel: Readonly<Record<string, number>>;
  /** Valid conversions by partner label. */
  readonly conversionsByLabel: Readonly<Record<string, number>>;
  /** The files written, relative to the folder. */
  readonly files: readonly string[];
}

async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

function open(path: string, gzip: boolean): { head: Writable; closed: Promise<unknown> } {
  const file = createWriteStream(path);
  // Listen before anything can end, or a fast close would be missed and the await hang.
  const closed = once(file, 'close');
  if (!gzip) return { head: file, closed };
  const gz = createGzip({ level: 9 });
  gz.pipe(file);
  return { head: gz, closed };
}

/**
 * Generates a program and writes it to `dir` (created if needed). Returns what was written;
 * the same summary is saved as `summary.json`.
 */
export async function writeProgram(dir: string, options: WriteProgramOptions = {}): Promise<ProgramSummary> {
  const { gzip = false, ...programOptions } = options;
  const program = generateProgram(programOptions);
  await mkdir(dir, { recursive: true });
  const ext = gzip ? '.ndjson.gz' : '.ndjson';
  const clicksFile = `clicks${ext}`;
  const conversionsFile = `conversions${ext}`;
  const clicksOut = open(join(dir, clicksFile), gzip);
  const conversionsOut = open(join(dir, conversionsFile), gzip);
  const labelOf = (id: string): string => program.labels[id] ?? 'clean';
  let clicks = 0;
  let conversions = 0;
  const badClickRows: Record<string, number> = {};
  const badConversionRows: Record<string, number> = {};
  const clicksByLabel: Record<string, number> = {};
  const conversionsByLabel: Record<string, number> = {};
  for (const r of program.records()) {
    switch (r.kind) {
      case 'click': {
        clicks++;
        const label = labelOf(r.click.partnerId);
        clicksByLabel[label] = (clicksByLabel[label] ?? 0) + 1;
        await put(clicksOut.head, `${JSON.stringify(r.click)}\n`);
        break;
      }
      case 'conversion': {
        conversions++;
        const label = labelOf(r.conversion.partnerId);
        conversionsByLabel[label] = (conversionsByLabel[label] ?? 0) + 1;
        await put(conversionsOut.head, `${JSON.stringify(r.conversion)}\n`);
        break;
      }
      case 'bad-click':
        badClickRows[r.reason] = (badClickRows[r.reason] ?? 0) + 1;
        await put(clicksOut.head, `${r.line}\n`);
        break;
      case 'bad-conversion':
        badConversionRows[r.reason] = (badConversionRows[r.reason] ?? 0) + 1;
        await put(conversionsOut.head, `${r.line}\n`);
        break;
    }
  }
  clicksOut.head.end();
  conversionsOut.head.end();
  await Promise.all([clicksOut.closed, conversionsOut.closed]);
  const labels = Object.fromEntries(FRAUD_TYPES.map((t) => [t, Object.values(program.labels).filter((l) => l === t).length])) as Record<FraudType, number>;
  const summary: ProgramSummary = {
    options: program.options,
    period: { start: new Date(program.period.start).toISOString(), end: new Date(program.period.end).toISOString() },
    clicks,
    conversions,
    badClickRows,
    badConversionRows,
    partners: program.partners.length,
    labels,
    clicksByLabel,
    conversionsByLabel,
    files: [clicksFile, conversionsFile, 'partners.json', 'labels.json', 'summary.json'],
  };
  await writeFile(join(dir, 'partners.json'), `${JSON.stringify(program.partners, null, 2)}\n`);
  await writeFile(join(dir, 'labels.json'), `${JSON.stringify(program.labels, null, 2)}\n`);
  await writeFile(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
