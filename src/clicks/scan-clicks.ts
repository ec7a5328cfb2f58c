/**
 * The batch scan: clicks (and conversions) in, one scored report per partner out.
 *
 * Stages, each its own module under `scan/`, joined by the data they return: the options are
 * checked (`options.ts`); each shard (`shard.ts`) reads the conversions and indexes them by
 * click id (memory grows with conversions, not clicks), streams the clicks through the click
 * pipeline (`pipeline.ts`: observe windows → enrich → evaluate) into mergeable aggregates
 * (`aggregate.ts`), picking up the click time, IP and device of each conversion they
 * attribute, then adds the conversions; shard results merge by addition and every partner
 * is scored (`finalise.ts`) into its report (`report.ts`).
 *
 * Sharding is by partner id (see `hash.ts`): every click window is keyed by IP *and*
 * partner, and a conversion joins only a click of its own partner, so a shard holds all the
 * state its clicks need and N shards merge to exactly the single-shard report.
 *
 * @module
 */
import { InputError } from '../engine/errors.js';
import type { RuleSet } from '../engine/load-ruleset.js';
import { assertOutputsApart, claimOutputFile } from './output-file.js';
import type { ClickSource } from './types.js';
import { parsePeriod, scanInputs, scanOutputs, type ScanOptions } from './scan/options.js';
import type { ScanReport } from './scan/report.js';
import { scanShard, type ShardOptions, type ShardResult } from './scan/shard.js';
import { finalizeScan } from './scan/finalise.js';
import { loadPartners } from './scan/partners-file.js';

/**
 * @internal `scanClicks` with its rule set loaded. `run.builtin` says whether the set runs on
 * the built-in registry: worker threads rebuild that one, and cannot receive another.
 */
export async function scanClickSource(clicks: ClickSource, options: ScanOptions, ruleSet: RuleSet, run: { readonly startedAt: number; readonly builtin: boolean }): Promise<ScanReport> {
  const { startedAt } = run;
  const partners = loadPartners(options.partners);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new InputError(`options.workers must be an integer from 1 to 64, received ${String(workers)}`, { location: 'options.workers' });
  // Checked before any row is read.
  const clickPeriod = options.period === undefined ? undefined : parsePeriod(options.period);
  assertOutputsApart(scanOutputs(options), scanInputs(clicks, options));
  if (options.rejects !== undefined) claimOutputFile(options.rejects, 'rejects');
  if (options.verdicts !== undefined) claimOutputFile(options.verdicts, 'verdicts');
  const shardOptions: ShardOptions = {
    conversions: options.conversions,
    format: options.format,
    conversionFormat: options.conversionFormat,
    mapping: options.mapping,
    conversionMapping: options.conversionMapping,
    read: options.read,
    conversionRead: options.conversionRead,
    ruleSet,
    partners,
    rejects: options.rejects,
    verdicts: options.verdicts,
    windows: options.windows,
    clickPeriod,
    shard: 0,
    shards: 1,
    onProgress: options.onProgress,
  };
  let results: ShardResult[];
  if (workers > 1) {
    if (typeof clicks !== 'string' && !(clicks instanceof URL)) throw new InputError('options.workers > 1 needs the clicks as a file path or URL (each worker reads the file)', { location: 'options.workers' });
    const conv = options.conversions;
    if (conv !== undefined && typeof conv !== 'string' && !(conv instanceof URL)) throw new InputError('options.workers > 1 needs the conversions as a file path or URL', { location: 'options.conversions' });
    if (!run.builtin) throw new InputError('options.workers > 1 runs the built-in rules only: worker threads cannot receive the rules of another registry', { location: 'options.registry' });
    const { runShards } = await import('./workers/run-shards.js');
    results = await runShards(clicks, shardOptions, workers);
  } else {
    results = [await scanShard(clicks, shardOptions)];
  }
  return finalizeScan(results, { ruleSet, partners, period: clickPeriod, startedAt, workers });
}

