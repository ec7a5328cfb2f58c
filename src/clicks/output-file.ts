/**
 * Output files of a scan (rejects, verdicts): opened so that a path that cannot be written
 * fails as an {@link InputError} naming it, before any work when claimed up front, and never
 * as an unhandled stream `'error'` event that ends the process.
 *
 * @module
 */
import { closeSync, createWriteStream, lstatSync, openSync, readlinkSync, realpathSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** A file a command reads or writes, named for error messages (`what`: "clicks", "rejects"). */
export interface NamedPath {
  /** The path or `file:` URL as the caller gave it. */
  readonly path: string | URL;
  /** What the file is, as the user knows it: the option's name. */
  readonly what: string;
}

// What a path names (links followed): a regular file by device and inode, nothing yet, or a
// special file such as /dev/null, which several outputs may share without harm.
type FileState = { readonly kind: 'file'; readonly dev: number; readonly ino: number } | { readonly kind: 'absent' } | { readonly kind: 'special' };

function fileState(path: string | URL): FileState {
  try {
    const s = statSync(path);
    return s.isFile() ? { kind: 'file', dev: s.dev, ino: s.ino } : { kind: 'special' };
  } catch {
    return { kind: 'absent' };
  }
}

function sameFile(a: FileState, b: FileState): boolean {
  return a.kind === 'file' && b.kind === 'file' && a.dev === b.dev && a.ino === b.ino;
}

// The absolute spelling of a path that may not exist yet: its folder's links resolved, and a
// link that names a file not yet written followed to that name (writing creates it there).
function canonical(path: string | URL): string {
  let absolute = resolve(path instanceof URL ? fileURLToPath(path) : path);
  for (let hops = 0; hops < 40; hops += 1) {
    try {
      absolute = resolve(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
    let target: string;
    try {
      if (!lstatSync(absolute).isSymbolicLink()) return absolute;
      target = readlinkSync(absolute);
    } catch {
      return absolute;
    }
    absolute = resolve(dirname(absolute), target);
  }
  return absolute;
}

/**
 * Refuses output paths that would destroy an input or collide with each other: an output
 * that is an input file (the same file by device and inode, so links and other spellings are
 * caught) would be truncated before it is read, and two outputs on one file would interleave.
 * Call it before any output is claimed. `-` (standard input) is never a file here.
 * @throws InputError naming both files.
 */
export function assertOutputsApart(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const files = inputs.filter((i) => i.path !== '-').map((i) => ({ ...i, state: fileState(i.path) }));
  const seen: Array<NamedPath & { state: FileState; spelled: string }> = [];
  for (const output of outputs) {
    const state = fileState(output.path);
    const input = files.find((f) => sameFile(f.state, state));
    if (input !== undefined) throw new InputError(`The ${output.what} file ${String(output.path)} is the ${input.what} file ${String(input.path)}: writing it would destroy the input. Choose another output path.`, { location: output.what });
    const spelled = canonical(output.path);
    // Files not written yet are compared by where writing them would create them.
    const clash = seen.find((o) => sameFile(o.state, state) || (state.kind === 'absent' && o.state.kind === 'absent' && o.spelled === spelled));
    if (clash !== undefined) throw new InputError(`The ${output.what} and ${clash.what} outputs both name ${String(output.path)}: their lines would interleave. Give each its own file.`, { location: output.what });
    seen.push({ ...output, state, spelled });
  }
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
