import type { Readable } from 'node:stream';

/** The streams a CLI command reads and writes; injected so tests run commands in-process. */
export interface CliIO {
  /** Where results go. */
  readonly stdout: { write(chunk: string): unknown; isTTY?: boolean };
  /** Where diagnostics and progress go. */
  readonly stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Where `-` arguments read from. */
  readonly stdin: Readable;
}

/** One `partnerguard <name>` sub-command. */
export interface CliCommand {
  /** The word after `partnerguard`. */
  readonly name: string;
  /** One line for `partnerguard --help`. */
  readonly summary: string;
  /** Full usage text for `partnerguard <name> --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** An error whose message is shown to the user as one line, with exit code 1 (or the given one). */
export class CliUsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliUsageError';
    this.exitCode = exitCode;
  }
}
