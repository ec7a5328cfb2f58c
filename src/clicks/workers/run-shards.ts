/**
 * Runs a scan on N worker threads, one shard each, and gathers their results.
 *
 * Shards are by partner id (`shardOf` in `hash.ts`): every click window is keyed by IP and
 * partner and conversions join only their own partner's clicks, so each shard holds all the
 * state its clicks need and the merged aggregates equal a single-thread scan's exactly.
 * Each worker reads the whole file and keeps its partners' rows; shard 0 alone counts and
 * writes rejects (a rejected row may have no partner). Verdict files are written per shard,
 * each in input order, then merged by line number into the single-thread order.
 *
 * @module
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, PartnerguardError } from '../../engine/errors.js';
import type { ShardOptions, ShardResult } from '../scan-clicks.js';
import type { ShardWorkerData, ShardWorkerMessage } from './shard-worker.js';

function createShardWorker(data: ShardWorkerData): Worker {
  const ts = import.meta.url.endsWith('.ts');
  if (!ts) return new Worker(new URL('./shard-worker.js', import.meta.url), { workerData: data });
  // Under tsx/vitest this module is TypeScript source: the worker registers tsx itself first
  // (a dev-only path; the published build always takes the branch above).
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./shard-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

function runOne(data: ShardWorkerData, onProgress: ShardOptions['onProgress']): Promise<ShardResult> {
  return new Promise<ShardResult>((resolve, reject) => {
    const worker = createShardWorker(data);
    let settled = false;
    worker.on('message', (message: ShardWorkerMessage) => {
      if (message.type === 'progress') onProgress?.({ rows: message.rows, rejected: message.rejected });
      else if (message.type === 'result') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        const error =
          message.code === 'INPUT_INVALID' ? new InputError(message.message) : new PartnerguardError(`shard ${data.options.shard}: ${message.name}: ${message.message}`);
        reject(error);
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new PartnerguardError(`shard worker ${data.options.shard} exited with code ${code} before reporting`));
    });
  });
}

async function mergeVerdicts(parts: readonly string[], target: string): Promise<void> {
  const out = createWriteStream(target, { encoding: 'utf8' });
  const iterators = parts.map((p) => createInterface({ input: createReadStream(p, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]());
  const heads: Array<{ line: number; text: string } | undefined> = [];
  const advance = async (i: number): Promise<void> => {
    const next = await iterators[i]!.next();
    heads[i] = next.done === true ? undefined : { line: lineOf(next.value), text: next.value };
  };
  await Promise.all(parts.map((_, i) => advance(i)));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i += 1) {
      const h = heads[i];
      if (h !== undefined && (best === -1 || h.line < heads[best]!.line)) best = i;
    }
    if (best === -1) break;
    if (!out.write(`${heads[best]!.text}\n`)) await once(out, 'drain');
    await advance(best);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  for (const p of parts) rmSync(p, { force: true });
}

function lineOf(text: string): number {
  // Verdict lines start with {"line":N, — read N without parsing the whole line.
  const start = text.indexOf(':') + 1;
  return Number.parseInt(text.slice(start, text.indexOf(',', start)), 10);
}

/** @internal Scans `clicks` on `shards` worker threads and returns each shard's result, in shard order. */
export async function runShards(clicks: string | URL, options: ShardOptions, shards: number): Promise<ShardResult[]> {
  const { onProgress, ...rest } = options;
  const source = clicks instanceof URL ? fileURLToPath(clicks) : clicks;
  const conversions = rest.conversions instanceof URL ? fileURLToPath(rest.conversions) : rest.conversions;
  const parts = rest.verdicts === undefined ? [] : Array.from({ length: shards }, (_, i) => `${rest.verdicts}.shard-${i}`);
  const results = await Promise.all(
    Array.from({ length: shards }, (_, shard) =>
      runOne(
        {
          clicks: source,
          options: { ...rest, conversions, shard, shards, rejects: shard === 0 ? rest.rejects : undefined, verdicts: parts[shard] },
          progress: shard === 0 && onProgress !== undefined,
        },
        onProgress,
      ),
    ),
  );
  if (rest.verdicts !== undefined) await mergeVerdicts(parts, rest.verdicts);
  return results;
}
