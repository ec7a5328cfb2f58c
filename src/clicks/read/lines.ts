/**
 * A bounded line splitter over byte chunks: the shared base of the NDJSON and CSV readers.
 * @module
 */

/** One physical line, or the head of a line that was longer than the limit. */
export type PhysicalLine =
  | { readonly line: number; readonly text: string; readonly tooLong?: undefined }
  | { readonly line: number; readonly tooLong: true; readonly bytes: number; readonly head: string };

/** Whether a line is blank (empty or whitespace only): no record, though it still counts in line numbers. */
export function isBlankLine(text: string): boolean {
  return text.length === 0 || text.trim().length === 0;
}

const LF = 0x0a;
const CR = 0x0d;
/**
 * Most lines per yielded batch. Small on purpose: a consumer holds a batch's decoded lines
 * (and whatever it parses from them) until it asks for the next, and a minor GC copies all of
 * that live data; at 256 KB a batch (about 440 click lines and their parsed rows) outlived
 * each scavenge and was promoted, a scavenge cost 3-4 ms instead of under 1.
 */
export const LINES_PER_BATCH = 64;

/**
 * Splits bytes into lines numbered from 1. `\n` ends a line and a `\r` before it is
 * dropped (CRLF files); a UTF-8 BOM at the very start is dropped; a last line without a
 * newline is still a line; an empty input has no lines. Blank lines are yielded (as `''`)
 * so callers keep physical line numbers and decide what a blank line means.
 *
 * A line longer than `maxLineBytes` is yielded as `tooLong` with only its first
 * `headBytes` bytes kept: the rest is skipped as it streams past, so memory stays
 * bounded by `maxLineBytes` + one chunk however long the line is.
 *
 * Lines come in batches of at most {@link LINES_PER_BATCH}, decoded only when their batch is
 * due: an await per line cost more than the splitting itself, and a whole chunk's lines at
 * once kept too much alive (see {@link LINES_PER_BATCH}).
 */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  headBytes = 200,
): AsyncGenerator<PhysicalLine[]> {
  let line = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // While > 0 we are inside an over-long line: bytes seen so far, the rest is discarded.
  let skipping = 0;
  let skippedHead = '';
  let first = true;

  for await (const raw of chunks) {
    let chunk: Buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (first && chunk.length > 0) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      // A BOM split across the first chunks is removed from the first line's text below.
    }
    let batch: PhysicalLine[] = [];
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(LF, start);
      const end = nl === -1 ? chunk.length : nl;
      const pieceBytes = end - start;
      if (skipping > 0) {
        skipping += pieceBytes;
      } else if (pendingBytes + pieceBytes > maxLineBytes) {
        const joined = Buffer.concat([...pending, chunk.subarray(start, Math.min(end, start + headBytes))]);
        skippedHead = joined.subarray(0, headBytes).toString('utf8');
        skipping = pendingBytes + pieceBytes;
        pending = [];
        pendingBytes = 0;
      } else if (nl === -1) {
        // Copy: the caller may reuse its chunk buffers once we ask for the next one.
        if (pieceBytes > 0) {
          pending.push(Buffer.from(chunk.subarray(start, end)));
          pendingBytes += pieceBytes;
        }
      }
      if (nl === -1) break;
      line++;
      if (skipping > 0) {
        batch.push({ line, tooLong: true, bytes: skipping, head: skippedHead });
        skipping = 0;
        skippedHead = '';
      } else {
        let text: string;
        if (pendingBytes === 0) {
          const stop = end > start && chunk[end - 1] === CR ? end - 1 : end;
          text = chunk.toString('utf8', start, stop);
        } else {
          pending.push(chunk.subarray(start, end));
          const joined = Buffer.concat(pending);
          const stop = joined.length > 0 && joined[joined.length - 1] === CR ? joined.length - 1 : joined.length;
          text = joined.toString('utf8', 0, stop);
          pending = [];
          pendingBytes = 0;
        }
        batch.push({ line, text: line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
      }
      start = nl + 1;
      if (batch.length >= LINES_PER_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (skipping > 0) {
    yield [{ line: line + 1, tooLong: true, bytes: skipping, head: skippedHead }];
  } else if (pendingBytes > 0) {
    const joined = Buffer.concat(pending);
    const stop = joined[joined.length - 1] === CR ? joined.length - 1 : joined.length;
    const text = joined.toString('utf8', 0, stop);
    yield [{ line: line + 1, text: line === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }];
  }
}
