/**
 * Reading rule-set files that may be any local file (`extends` names paths): a hard byte
 * cap, and JSON errors that never quote the file.
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads at most `limit` + 1 bytes of a file, whatever size it reports (files in `/proc`
 * report 0), so a file over the limit is known to be over it without reading it whole.
 */
export function readCapped(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Where JSON.parse stopped (` at line L, column C`), without the text around it: the file may
 * be any local file that `extends` named (`/etc/passwd`), and its content must not reach an
 * error message.
 */
export function jsonErrorPlace(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)/u.exec(message);
  if (position === null) return /end of (?:JSON )?input/iu.test(message) ? ' (the input ends too early)' : '';
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
