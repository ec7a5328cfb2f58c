/**
 * The parent's side and the workers' side of a split NDJSON scan: the parent reads (and
 * decompresses) the file once, splits it with {@link LineSharder}, and posts each worker its
 * stream over a MessagePort; each worker reads that stream as if it were the file. Before
 * this, every worker read, decompressed and searched the whole file itself.
 *
 * Backpressure: a worker acknowledges each piece once its reader has taken it, and the parent
 * reads on only while every worker holds fewer than {@link MAX_IN_FLIGHT} unread pieces, so
 * memory stays at a few chunks per worker whatever the file size.
 *
 * @module
 */
import type { MessagePort } from 'node:worker_threads';
import { openSource } from '../read/source.js';
import type { ReadOptions } from '../types.js';
import { LineSharder, type LineOwners } from './prefilter.js';

/** A message from the parent to a shard's worker. */
export type FeedMessage = { readonly type: 'bytes'; readonly bytes: Uint8Array; readonly shared: readonly number[] } | { readonly type: 'end' };

/** Pieces a worker may hold unread before the parent waits (with the chunk size: up to 16 MB per worker). */
const MAX_IN_FLIGHT = 16;
/** File bytes read per piece: fewer, larger messages than the reader's default. */
const FEED_CHUNK_BYTES = 1 << 20;

/** One worker's end of the feed, as the parent sees it. */
export interface FeedTarget {
  /** The port the worker reads from. */
  readonly port: MessagePort;
  /** True once the worker is gone (the parent stops waiting for it). */
  closed(): boolean;
}

/**
 * Reads `path` (NDJSON, gzip sniffed as for any click file) and posts each shard its lines.
 * Resolves when everything is posted; rejects with the read error (an `InputError`) if the
 * file cannot be read, after which the caller stops the workers.
 */
export async function feedShards(path: string, key: string, targets: readonly FeedTarget[], gzip: ReadOptions['gzip']): Promise<void> {
  const sharder = new LineSharder(key, targets.length);
  const inFlight = targets.map(() => 0);
  const waiting: Array<(() => void) | undefined> = targets.map(() => undefined);
  targets.forEach((t, s) => {
    t.port.on('message', () => {
      inFlight[s]! -= 1;
      waiting[s]?.();
      waiting[s] = undefined;
    });
  });
  const post = (parts: readonly Buffer[], shared: readonly number[]): void => {
    targets.forEach((t, s) => {
      if (t.closed()) return;
      const bytes = parts[s]!;
      inFlight[s]! += 1;
      const message: FeedMessage = { type: 'bytes', bytes, shared };
      t.port.postMessage(message, [bytes.buffer as ArrayBuffer]);
    });
  };
  const drain = async (): Promise<void> => {
    for (let s = 0; s < targets.length; s += 1) {
      while (inFlight[s]! >= MAX_IN_FLIGHT && !targets[s]!.closed()) {
        await new Promise<void>((resolve) => {
          waiting[s] = resolve;
          // A worker that died never acknowledges: look again now and then.
          setTimeout(resolve, 100).unref();
        });
      }
    }
  };
  try {
    const opened = await openSource(path, { format: 'ndjson', gzip }, FEED_CHUNK_BYTES);
    if (opened.kind === 'bytes') {
      for await (const chunk of opened.chunks) {
        // Every worker gone (one failed and the scan stopped them all): stop reading.
        if (targets.every((t) => t.closed())) return;
        const { parts, shared } = sharder.push(chunk);
        post(parts, shared);
        await drain();
      }
    }
    const last = sharder.end();
    post(last.parts, last.shared);
    for (const t of targets) if (!t.closed()) t.port.postMessage({ type: 'end' } satisfies FeedMessage);
  } finally {
    for (const t of targets) t.port.removeAllListeners('message');
  }
}

/**
 * The worker's side: the bytes its shard was sent, as an async iterable for the reader.
 * Lines every shard keeps are recorded in `owners` before their bytes are handed on.
 */
export async function* fedChunks(port: MessagePort, owners: LineOwners): AsyncGenerator<Buffer> {
  const queue: FeedMessage[] = [];
  let wake: (() => void) | undefined;
  port.on('message', (message: FeedMessage) => {
    queue.push(message);
    wake?.();
    wake = undefined;
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if (message.type === 'end') return;
      for (const line of message.shared) owners.addShared(line);
      const bytes = message.bytes;
      yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      port.postMessage('taken');
    }
  } finally {
    port.close();
  }
}
