/**
 * Runs a scan on N worker threads, one shard each, and gathers their results.
 *
 * Shards are by partner id (`shardOf` in `hash.ts`): every click window is keyed by IP and
 * partner and conversions join only their own partner's clicks, so each shard holds all the
 * state its clicks need and the merged aggregates equal a single-thread scan's exactly.
 * An NDJSON file is read, decompressed and split once, here, and each worker is sent only its
 * own lines (`feed.ts`, `prefilter.ts`), so each parses little more than its own rows; a CSV
 * file is read by every worker. Rejects of rows
 * with a readable partner are counted by that partner's shard, the rest by shard 0. Verdict
 * and reject files are written per shard, each in input order, then merged by line number
 * into exactly the single-thread file.
 *
 * @module
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type Transferable } from 'node:worker_threads';
import { InputError, PartnerguardError } from '../../engine/errors.js';
import type { ShardOptions, ShardResult } from '../scan/shard.js';
import { feedShards } from './feed.js';
import type { ShardWorkerData, ShardWorkerMessage } from './shard-worker.js';

// A shard's live state is bounded (windows, classifier caches, aggregates, its conversions),
// so the heap cap is a backstop that also bounds the garbage V8 lets pile up between full
// collections. The young generation is what matters for speed: a click's parse leaves ~1.5 KB
// of short-lived objects, and V8 derives a small young generation from a small cap (at
// 384 MB the workers spent a third of their time collecting). With 96 MB of young
// generation, a 1024 MB cap scans 10M clicks on 2 workers as fast as 2048 MB (115 s against
// 124 s) with peak RSS 813 MB instead of 1262 MB.
const WORKER_HEAP_MB = Number(process.env.PARTNERGUARD_WORKER_HEAP_MB ?? 1024);
const WORKER_YOUNG_MB = 96;

function createShardWorker(data: ShardWorkerData, transferList: readonly Transferable[]): Worker {
  const ts = import.meta.url.endsWith('.ts');
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (!ts) return new Worker(new URL('./shard-worker.js', import.meta.url), { workerData: data, resourceLimits, transferList: [...transferList] });
  // Under tsx/vitest this module is TypeScript source: the worker registers tsx itself first
  // (a dev-only path; the published build always takes the branch above).
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL('./shard-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: data, resourceLimits, transferList: [...transferList] });
}

interface RunningShard {
  readonly worker: Worker;
  readonly result: Promise<ShardResult>;
  exited(): boolean;
}

function runOne(data: ShardWorkerData, onProgress: ShardOptions['onProgress'], transfer: readonly Transferable[]): RunningShard {
  const worker = createShardWorker(data, transfer);
  let exited = false;
  worker.once('exit', () => (exited = true));
  const result = new Promise<ShardResult>((resolve, reject) => {
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
  return { worker, result, exited: () => exited };
}

/**
 * Merges per-shard NDJSON files, each sorted by `key`, into `target` in key order (a k-way
 * merge that streams, so memory stays at one line per shard), then deletes the parts.
 */
async function mergeSorted(parts: readonly string[], target: string, key: (line: string) => number): Promise<void> {
  const out = createWriteStream(target, { encoding: 'utf8' });
  const iterators = parts.map((p) => createInterface({ input: createReadStream(p, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]());
  const heads: Array<{ key: number; text: string } | undefined> = [];
  const advance = async (i: number): Promise<void> => {
    const next = await iterators[i]!.next();
    heads[i] = next.done === true ? undefined : { key: key(next.value), text: next.value };
  };
  await Promise.all(parts.map((_, i) => advance(i)));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i += 1) {
      const h = heads[i];
      if (h !== undefined && (best === -1 || h.key < heads[best]!.key)) best = i;
    }
    if (best === -1) break;
    if (!out.write(`${heads[best]!.text}\n`)) await once(out, 'drain');
    await advance(best);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  for (const p of parts) rmSync(p, { force: true });
}

function verdictKey(text: string): number {
  // Verdict lines start with {"line":N, — read N without parsing the whole line.
  const start = text.indexOf(':') + 1;
  return Number.parseInt(text.slice(start, text.indexOf(',', start)), 10);
}

function rejectKey(text: string): number {
  // Conversions are read (and rejected) before clicks, so they sort first, then by line.
  const r = JSON.parse(text) as { source?: string; line: number };
  return (r.source === 'conversions' ? 0 : 2 ** 40) + r.line;
}

const NDJSON_NAME = /\.(?:nd)?jsonl?(?:\.gz)?$/iu;

/** @internal Scans `clicks` on `shards` worker threads and returns each shard's result, in shard order. */
export async function runShards(clicks: string | URL, options: ShardOptions, shards: number): Promise<ShardResult[]> {
  const { onProgress, ...rest } = options;
  const source = clicks instanceof URL ? fileURLToPath(clicks) : clicks;
  const conversions = rest.conversions instanceof URL ? fileURLToPath(rest.conversions) : rest.conversions;
  const parts = rest.verdicts === undefined ? [] : Array.from({ length: shards }, (_, i) => `${rest.verdicts}.shard-${i}`);
  const rejectParts = rest.rejects === undefined ? [] : Array.from({ length: shards }, (_, i) => `${rest.rejects}.shard-${i}`);
  const split = rest.format === 'ndjson' || (rest.format !== 'csv' && NDJSON_NAME.test(source));
  const channels = split ? Array.from({ length: shards }, () => new MessageChannel()) : [];
  // Each shard reports the rows it answers for; the scan's progress is their sum.
  const latest = Array.from({ length: shards }, () => ({ rows: 0, rejected: 0 }));
  const progressOf = (shard: number): ShardOptions['onProgress'] =>
    onProgress === undefined
      ? undefined
      : (p): void => {
          latest[shard] = p;
          onProgress(latest.reduce((sum, q) => ({ rows: sum.rows + q.rows, rejected: sum.rejected + q.rejected }), { rows: 0, rejected: 0 }));
        };
  const running = Array.from({ length: shards }, (_, shard) => {
    const feed = channels[shard]?.port2;
    return runOne(
      {
        clicks: source,
        options: { ...rest, conversions, shard, shards, rejects: rejectParts[shard], verdicts: parts[shard], feed },
        progress: onProgress !== undefined,
      },
      progressOf(shard),
      feed === undefined ? [] : [feed],
    );
  });
  const feeding = split
    ? feedShards(
        source,
        rest.mapping?.partnerId ?? 'partnerId',
        running.map((r, shard) => ({ port: channels[shard]!.port1, closed: r.exited })),
        rest.read?.gzip,
      )
    : Promise.resolve();
  let results: ShardResult[];
  try {
    [results] = await Promise.all([Promise.all(running.map((r) => r.result)), feeding]);
  } catch (error) {
    // A worker failed, or the file could not be read: the others would wait for lines forever.
    await Promise.all(running.map((r) => r.worker.terminate()));
    await feeding.catch(() => undefined);
    for (const p of [...parts, ...rejectParts]) rmSync(p, { force: true });
    throw error;
  }
  if (rest.verdicts !== undefined) await mergeSorted(parts, rest.verdicts, verdictKey);
  if (rest.rejects !== undefined) await mergeSorted(rejectParts, rest.rejects, rejectKey);
  return results;
}
