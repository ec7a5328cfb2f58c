/**
 * Standard input as lines, for the commands that take `-`: bounded per line, failing loudly
 * when standard input cannot be read (a directory, an I/O error), and read at most once.
 * @module
 */
import { InputError } from '../engine/errors.js';
import { splitLines } from '../clicks/read/lines.js';
import { CliUsageError, type CliIO } from './io.js';

/** Longest standard-input line a command reads, in bytes; longer lines are skipped and reported. */
export const MAX_STDIN_LINE_BYTES = 1 << 20;

/** Throws a usage error when `-` is given more than once: standard input can be read only once. */
export function assertStdinOnce(positionals: readonly string[]): void {
  if (positionals.filter((p) => p === '-').length > 1) throw new CliUsageError('- may be given only once: standard input can be read only once');
}

async function* chunksOf(io: CliIO): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of io.stdin) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`Cannot read standard input: ${reason}`, { cause: error, location: 'stdin' });
  }
}

/**
 * Yields each line of standard input as it is (blank ones too). A line over
 * {@link MAX_STDIN_LINE_BYTES} is not yielded: `onTooLong` hears of it (its line number and
 * size), so the command can say so and fail at the end.
 */
export async function* stdinLines(io: CliIO, onTooLong: (line: number, bytes: number) => void): AsyncGenerator<string> {
  for await (const batch of splitLines(chunksOf(io), MAX_STDIN_LINE_BYTES)) {
    for (const line of batch) {
      if (line.tooLong === true) {
        onTooLong(line.line, line.bytes);
        continue;
      }
      yield line.text;
    }
  }
}

/** Counts skipped over-long lines and reports each on stderr in one line. */
export interface TooLongReporter {
  /** Lines skipped so far. */
  readonly count: number;
  /** Pass to {@link stdinLines}. */
  readonly onTooLong: (line: number, bytes: number) => void;
}

/** A {@link TooLongReporter} for `partnerguard <command>`. */
export function tooLongReporter(io: CliIO, command: string): TooLongReporter {
  let count = 0;
  return {
    get count() {
      return count;
    },
    onTooLong(line, bytes) {
      count += 1;
      io.stderr.write(`partnerguard ${command}: stdin line ${line} is ${bytes} bytes, over the ${MAX_STDIN_LINE_BYTES}-byte limit; skipped\n`);
    },
  };
}
