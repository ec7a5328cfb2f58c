#!/usr/bin/env node
import { fstatSync } from 'node:fs';
import { Readable } from 'node:stream';
import { main } from './main.js';

// A reader that goes away (`partnerguard agent - | head -1`) closes the pipe: that ends the
// output, not in error. Any other failure to write results is said in one line.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) process.stderr.write(`partnerguard: cannot write results: ${error.message}\n`);
    process.exit(1);
  });
}

// Node hands a directory on standard input (`< /`) over as an empty stream; reading it must
// fail as a file read would, not look like no input.
function standardInput(): Readable {
  try {
    if (fstatSync(0).isDirectory()) {
      const error = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
      return new Readable({ read() { this.destroy(error); } });
    }
  } catch {
    // No standard input at all: reading it ends at once, which is what process.stdin does.
  }
  return process.stdin;
}

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: standardInput() });
process.exitCode = code;
