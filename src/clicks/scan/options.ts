/**
 * What a scan is asked to do: its options, and their checks that run before any row is read.
 *
 * @module
 */
import { InputError } from '../../engine/errors.js';
import type { RuleSetInput } from '../../engine/load-ruleset.js';
import type { Registry } from '../../engine/registry.js';
import { parseTimestamp } from '../read/timestamp.js';
import type { ClickSource, PartnerInfo, ReadOptions } from '../types.js';
import type { WindowConfig } from '../windows/config.js';
import type { NamedPath } from '../output-file.js';

/** Options of `scanClicks`. */
export interface ScanOptions {
  /** Conversions: a file path, stream or (async) iterable, read like clicks. */
  readonly conversions?: ClickSource | undefined;
  /** Byte format of the click file (default: sniffed). */
  readonly format?: 'ndjson' | 'csv' | 'auto' | undefined;
  /** Byte format of the conversion file (default: sniffed; never taken from `format`). */
  readonly conversionFormat?: 'ndjson' | 'csv' | 'auto' | undefined;
  /** Canonical field → click column, e.g. `{ ip: 'remote_addr' }`. Clicks only. */
  readonly mapping?: Readonly<Record<string, string>> | undefined;
  /**
   * Canonical field → conversion column (default: none). Never taken from `mapping`: both
   * streams have an `ip`, a `deviceId` and a `timestamp`, and a click column name applied to
   * conversions would read their fields from the wrong (usually absent) column.
   */
  readonly conversionMapping?: Readonly<Record<string, string>> | undefined;
  /** Further reader options for clicks (limits, `defaults`, `idFromLine`); also for conversions unless `conversionRead` is given. */
  readonly read?: Omit<ReadOptions, 'format' | 'mapping'> | undefined;
  /** Reader options for conversions (default: `read`); `defaults` name conversion fields here. */
  readonly conversionRead?: Omit<ReadOptions, 'format' | 'mapping'> | undefined;
  /** Rule set name, path, object or loaded set (default `traffic`). */
  readonly ruleSet?: RuleSetInput | undefined;
  /**
   * Rules the rule set may name, and that score clicks and partners; defaults to the built-in
   * rules (or a loaded set's own). With `workers > 1` only the built-in rules can run.
   */
  readonly registry?: Registry | undefined;
  /**
   * The period scanned, both ends included (default: first to last click). Clicks outside it
   * are rejected as `outside_period` (counted, and written to `rejects`); conversions are not
   * filtered, since they trail their clicks. Listed partners with no click in it are `dormant`;
   * partners joined on or after its start are `new`.
   */
  readonly period?: { readonly from: Date | number | string; readonly to: Date | number | string } | undefined;
  /** Partner metadata, or the path of a JSON array / NDJSON file of it. Listed partners without traffic are reported `dormant`. */
  readonly partners?: readonly PartnerInfo[] | string | undefined;
  /** Path of an NDJSON file to write rejected rows to (with their line numbers). */
  readonly rejects?: string | undefined;
  /** Path of an NDJSON file to write one verdict per accepted click to, in input order. */
  readonly verdicts?: string | undefined;
  /** Worker threads (default 1: the calling thread). Needs a file path source; the report is identical for any count. */
  readonly workers?: number | undefined;
  /** Window memory bounds (window lengths come from the rule set). `maxPartners` and `maxKeys` do not apply: a scan keeps every partner's windows, so that N workers stay exact. */
  readonly windows?: Partial<WindowConfig> | undefined;
  /** Called about every 65 536 rows read (by each worker, with every worker's rows summed), and at the end: the last call's figures are the totals. */
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
}

/** Progress of a running scan. */
export interface ScanProgress {
  /** Click rows read so far. */
  readonly rows: number;
  /** Click rows rejected so far. */
  readonly rejected: number;
}


/** The caller's period as epoch milliseconds; throws an InputError naming what is wrong. */
export function parsePeriod(period: NonNullable<ScanOptions['period']>): { from: number; to: number } {
  const from = parseTimestamp(period.from);
  const to = parseTimestamp(period.to);
  if (from === undefined || to === undefined || to < from) throw new InputError('options.period needs readable from ≤ to timestamps', { location: 'options.period' });
  return { from, to };
}


/** The files a scan reads, for {@link assertOutputsApart}. */
export function scanInputs(clicks: ClickSource, options: Pick<ScanOptions, 'conversions' | 'partners'>): NamedPath[] {
  const inputs: NamedPath[] = [];
  if (typeof clicks === 'string' || clicks instanceof URL) inputs.push({ path: clicks, what: 'clicks' });
  if (typeof options.conversions === 'string' || options.conversions instanceof URL) inputs.push({ path: options.conversions, what: 'conversions' });
  if (typeof options.partners === 'string') inputs.push({ path: options.partners, what: 'partners' });
  return inputs;
}

/** The files a scan writes, for {@link assertOutputsApart}. */
export function scanOutputs(options: Pick<ScanOptions, 'rejects' | 'verdicts'>): NamedPath[] {
  const outputs: NamedPath[] = [];
  if (options.rejects !== undefined) outputs.push({ path: options.rejects, what: 'rejects' });
  if (options.verdicts !== undefined) outputs.push({ path: options.verdicts, what: 'verdicts' });
  return outputs;
}
