/**
 * Writes rejected rows to an NDJSON file (one `{ line, reason, message, raw? }` object a
 * line) and counts them by reason, so a scan can hand its rejects to a person or a tool.
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../engine/errors.js';
import type { Reject } from './types.js';

/** A sink for rejects: an NDJSON file plus counts by reason. */
export interface RejectsWriter {
  /** Writes one reject; resolves when the file can take more (backpressure). */
  write(reject: Reject, source?: string): Promise<void>;
  /** Rejects written so far. */
  readonly total: number;
  /** Rejects written so far, by `Reject.reason`. */
  readonly byReason: Readonly<Record<string, number>>;
  /** Flushes and closes the file. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Opens `path` for writing rejects (truncating it). Each line is
 * `{"line":12,"reason":"missing_field:ip","message":"…","raw":"…"}`, with `"source"` first
 * when a source name is given (useful when clicks and conversions share one file).
 * @example
 * ```ts
 * const rejects = createRejectsWriter('rejects.ndjson');
 * for await (const r of readClicks('clicks.csv')) if (!r.ok) await rejects.write(r.reject, 'clicks.csv');
 * await rejects.close();
 * ```
 */
export function createRejectsWriter(path: string): RejectsWriter {
  const out: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | undefined;
  out.on('error', (error) => {
    failure = error;
  });
  const byReason: Record<string, number> = {};
  let total = 0;
  let closed = false;
  const fail = (error: Error): never => {
    throw new InputError(`Cannot write rejects to ${path}: ${error.message}`, { cause: error, location: path });
  };
  return {
    get total() {
      return total;
    },
    get byReason() {
      return byReason;
    },
    async write(reject: Reject, source?: string): Promise<void> {
      if (failure !== undefined) fail(failure);
      if (closed) throw new InputError(`The rejects writer for ${path} is closed`, { location: path });
      total++;
      byReason[reject.reason] = (byReason[reject.reason] ?? 0) + 1;
      const record = source === undefined ? reject : { source, ...reject };
      if (!out.write(`${JSON.stringify(record)}\n`)) {
        await Promise.race([once(out, 'drain'), once(out, 'error')]);
        if (failure !== undefined) fail(failure);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => out.end(resolve));
      if (failure !== undefined) fail(failure);
    },
  };
}
