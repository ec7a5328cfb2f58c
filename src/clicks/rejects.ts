/**
 * Writes rejected rows to an NDJSON file (one `{ line, reason, message, raw? }` object a
 * line) and counts them by reason, so a scan can hand its rejects to a person or a tool.
 * @module
 */
import { openOutputFile } from './output-file.js';
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
  const out = openOutputFile(path, 'rejects');
  const byReason: Record<string, number> = {};
  let total = 0;
  return {
    get total() {
      return total;
    },
    get byReason() {
      return byReason;
    },
    async write(reject: Reject, source?: string): Promise<void> {
      const record = source === undefined ? reject : { source, ...reject };
      await out.write(`${JSON.stringify(record)}\n`);
      total++;
      byReason[reject.reason] = (byReason[reject.reason] ?? 0) + 1;
    },
    close: () => out.close(),
  };
}
