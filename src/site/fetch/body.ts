/**
 * Reads a response body under a byte cap counted after decompression, decompressing with
 * `node:zlib` streams so a compression bomb is stopped at the cap instead of inflated whole.
 * @module
 */
import { pipeline } from 'node:stream';
import type { Readable, Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** Content codings this reader can undo. */
const SUPPORTED_CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** Most codings stacked in one `Content-Encoding`; more is an attack, not a website. */
const MAX_CODINGS = 3;

/** What {@link readBody} read. */
export interface BodyRead {
  /** The kept bytes (empty when `keep` was false). */
  bytes: Buffer;
  /** Bytes read after decompression (at most the cap). */
  bodyBytes: number;
  /** True when the cap stopped reading. */
  truncated: boolean;
  /** The coding undone (`gzip`, `br`, `deflate`, or a comma list), null for none. */
  decompressed: string | null;
  /** True when the coding was not supported, so `bytes` are still encoded. */
  undecodable: boolean;
  /** The error that ended reading early (timeout, reset, corrupt compressed data), if any. */
  error: unknown;
}

function decoderFor(coding: string, rawDeflate: boolean): Transform {
  if (coding === 'br') return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
  // Tolerate a truncated tail the way browsers do.
  if (coding === 'deflate') return rawDeflate ? createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH }) : createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
  return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * `deflate` in HTTP means zlib-wrapped data, but some servers send raw deflate; browsers and
 * undici's fetch decide from the first byte, so the first chunk is peeked and put back.
 */
async function peekFirstByte(body: Readable): Promise<number | null> {
  for (;;) {
    const chunk = body.read() as Buffer | null;
    if (chunk !== null) {
      body.unshift(chunk);
      return chunk[0] ?? null;
    }
    if (body.readableEnded || body.destroyed) return null;
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        body.off('readable', done);
        body.off('end', done);
        body.off('close', done);
        body.off('error', fail);
        resolve();
      };
      const fail = (error: Error): void => {
        done();
        reject(error);
      };
      body.once('readable', done);
      body.once('end', done);
      body.once('close', done);
      body.once('error', fail);
    });
  }
}

/** Parses `Content-Encoding` into the codings to undo, in the order to undo them (last applied first). */
export function contentCodings(header: string | null): string[] {
  if (header === null) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
}

/**
 * Reads a body stream, undoing its content codings, until it ends or `maxBytes` decompressed
 * bytes were read; then destroys the stream (so a bomb or an endless body stops here).
 * @param body - The raw response body.
 * @param contentEncoding - The `Content-Encoding` header, or null.
 * @param maxBytes - The cap on decompressed bytes.
 * @param keep - Whether to keep the bytes (false only counts them).
 * @returns What was read; read errors are returned, not thrown.
 */
export async function readBody(body: Readable, contentEncoding: string | null, maxBytes: number, keep: boolean): Promise<BodyRead> {
  const codings = contentCodings(contentEncoding);
  const undecodable = codings.length > MAX_CODINGS || codings.some((c) => !SUPPORTED_CODINGS.has(c));
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let error: unknown = null;
  let source: Readable = body;
  let decompressed: string | null = null;
  try {
    if (codings.length > 0 && !undecodable) {
      // Only the outermost coding sees the raw body, so only it can be peeked for raw deflate.
      const first = codings[0] === 'deflate' ? await peekFirstByte(body) : null;
      const rawDeflate = first !== null && (first & 0x0f) !== 0x08;
      const decoders = codings.map((c, i) => decoderFor(c, i === 0 && rawDeflate));
      // pipeline propagates errors and destroys every stage when the last one is destroyed.
      source = (pipeline as (...streams: Array<Readable | Transform | ((error: NodeJS.ErrnoException | null) => void)>) => Readable)(body, ...decoders, () => undefined);
      decompressed = codings
        .slice()
        .reverse()
        .map((c) => (c === 'x-gzip' ? 'gzip' : c))
        .join(', ');
    }
    const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      const chunk = next.value;
      const room = maxBytes - total;
      if (chunk.length >= room) {
        if (keep && room > 0) chunks.push(chunk.subarray(0, room));
        total += Math.max(room, 0);
        // Exactly at the cap is only "truncated" if more data follows: one more read tells.
        truncated = chunk.length > room || (await hasMore(iterator));
        break;
      }
      if (keep) chunks.push(chunk);
      total += chunk.length;
    }
  } catch (caught) {
    error = caught;
  } finally {
    discard(source);
    discard(body);
  }
  return { bytes: keep ? Buffer.concat(chunks, total) : Buffer.alloc(0), bodyBytes: total, truncated, decompressed, undecodable, error };
}

/**
 * Destroys a body without reading it. undici's body emits an `error` when destroyed unread;
 * nobody is listening for it any more, so it is swallowed here instead of crashing the process.
 */
export function discard(stream: Readable): void {
  if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
  stream.destroy();
}

async function hasMore(iterator: AsyncIterator<Buffer>): Promise<boolean> {
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return false;
      if (next.value.length > 0) return true;
    }
  } catch {
    return true;
  }
}
