/**
 * Output files of a scan (rejects, verdicts): opened so that a path that cannot be written
 * fails as an {@link InputError} naming it, before any work when claimed up front, and never
 * as an unhandled stream `'error'` event that ends the process.
 *
 * @module
 */
import { closeSync, createWriteStream, openSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { InputError } from '../engine/errors.js';

/** A text file written in order, with backpressure. */
export interface OutputFile {
  /** Appends `text`; resolves when the file can take more. Throws {@link InputError} once the file has failed. */
  write(text: string): Promise<void>;
  /** Flushes and closes the file; throws {@link InputError} if any write failed. Safe to call twice. */
  close(): Promise<void>;
}

function cannotWrite(what: string, path: string, error: unknown): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  return new InputError(`Cannot write the ${what} file ${path}: ${reason}`, { cause: error, location: path });
}

/**
 * Checks now that `path` can be written, creating or truncating it, so that a scan with a
 * bad output path fails before it reads a row rather than after.
 */
export function claimOutputFile(path: string, what: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw cannotWrite(what, path, error);
  }
  closeSync(fd);
}

/** Writes a whole file at once (the CLI's report), failing as {@link claimOutputFile} does. */
export function writeOutputFile(path: string, what: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw cannotWrite(what, path, error);
  }
}

/** Opens `path` for writing (truncating it); `what` names the file in errors ("verdicts"). */
export function openOutputFile(path: string, what: string): OutputFile {
  const out: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: unknown;
  // Always listened to: an 'error' nobody listens for would end the process.
  out.on('error', (error) => {
    failure ??= error;
  });
  let closed = false;
  const check = (): void => {
    if (failure !== undefined) throw cannotWrite(what, path, failure);
  };
  return {
    async write(text: string): Promise<void> {
      check();
      if (closed) throw new InputError(`The ${what} file ${path} is already closed`, { location: path });
      if (!out.write(text)) {
        // 'close' too: a stream destroyed by a failure never drains. The abort removes the
        // listener that did not fire, or they would pile up one per wait.
        const settled = new AbortController();
        try {
          await Promise.race([once(out, 'drain', { signal: settled.signal }), once(out, 'close', { signal: settled.signal })]);
        } catch {
          // `once` rejects on 'error', which the listener above has recorded.
        } finally {
          settled.abort();
        }
        check();
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (!out.destroyed) await new Promise<void>((resolve) => out.end(resolve));
      check();
    },
  };
}
