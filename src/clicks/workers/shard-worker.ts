/**
 * Worker-thread entry: scans one shard of a click file and posts its mergeable result.
 * Everything it receives and returns is structured-cloneable (the loaded rule set's
 * configuration, plain options, Maps, Sets and Uint8Arrays of the aggregates). Functions do
 * not cross threads, so the rule set arrives without its registry and is bound here to the
 * built-in one (the parent sends only sets loaded with it): as an entry point of its own,
 * this module is a composition root too.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { builtinRegistry } from '../../builtin.js';
import { bindRuleSet } from '../../engine/load-ruleset.js';
import { scanShard, type ShardOptions } from '../scan/shard.js';

/** @internal What the parent sends. */
export interface ShardWorkerData {
  /** The click file (path or URL text). */
  readonly clicks: string;
  /** The shard's options (no callbacks). */
  readonly options: Omit<ShardOptions, 'onProgress'>;
  /** Whether to post progress messages. */
  readonly progress: boolean;
}

/** @internal Messages posted to the parent. */
export type ShardWorkerMessage =
  | { readonly type: 'progress'; readonly rows: number; readonly rejected: number }
  | { readonly type: 'result'; readonly result: Awaited<ReturnType<typeof scanShard>> }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly code: string | undefined };

const data = workerData as ShardWorkerData;
const port = parentPort!;
const post = (message: ShardWorkerMessage): void => port.postMessage(message);

try {
  const result = await scanShard(data.clicks, {
    ...data.options,
    ruleSet: bindRuleSet(data.options.ruleSet, builtinRegistry),
    onProgress: data.progress ? (p) => post({ type: 'progress', rows: p.rows, rejected: p.rejected }) : undefined,
  });
  post({ type: 'result', result });
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  post({ type: 'error', name: e.name, message: e.message, code: (e as { code?: string }).code });
}
