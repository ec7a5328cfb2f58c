import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MAX_STDIN_LINE_BYTES } from '../../src/cli/stdin-lines.js';
import { runCli } from '../helpers/cli.js';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

// Runs the built CLI; `closeAfter` destroys its stdout after that many bytes, as `| head -c` does.
function run(args: string[], options: { stdin?: string | number; closeAfter?: number }): Promise<{ code: number | null; stderr: string; stdoutBytes: number }> {
  return new Promise((resolve) => {
    const stdin = typeof options.stdin === 'number' ? options.stdin : 'pipe';
    const child = spawn(process.execPath, [bin, ...args], { stdio: [stdin, 'pipe', 'pipe'] });
    let stderr = '';
    let stdoutBytes = 0;
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      stdoutBytes += c.length;
      if (options.closeAfter !== undefined && stdoutBytes >= options.closeAfter) child.stdout!.destroy();
    });
    if (typeof options.stdin === 'string') {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.stdin);
    }
    child.on('close', (code) => resolve({ code, stderr, stdoutBytes }));
  });
}

describe('CLI streams', () => {
  it('ends quietly, exit 0, when its reader closes the pipe (EPIPE)', async () => {
    const r = await run(['agent', '-'], { stdin: `${browser}\n`.repeat(50_000), closeAfter: 1 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses - given twice, with a message and exit 2', async () => {
    const r = await runCli(['agent', '-', '-'], 'curl/8\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/- may be given only once/u);
    expect((await runCli(['ip', '-', '-'], '1.1.1.1\n')).code).toBe(2);
  });

  it('skips and reports a stdin line over the cap, reads the lines after it, and exits 1', async () => {
    const huge = 'x'.repeat(MAX_STDIN_LINE_BYTES + 10);
    const r = await runCli(['agent', '--json', '-'], `${huge}\ncurl/8.0\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/stdin line 1 is \d+ bytes, over the \d+-byte limit; skipped/u);
    expect(r.stdout).toContain('curl/8.0');
    const ip = await runCli(['ip', '-'], `${huge}\n1.1.1.1\n`);
    expect(ip.code).toBe(1);
    expect(ip.stdout).toContain('1.1.1.1');
  });

  it('fails loudly when stdin is a directory', async () => {
    const fd = openSync('/', 'r');
    try {
      const r = await run(['agent', '-'], { stdin: fd });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Cannot read standard input: EISDIR/u);
    } finally {
      closeSync(fd);
    }
  });

  it('reports a stream that fails while read as an input error, not a crash', async () => {
    const stdin = new Readable({ read() { this.destroy(new Error('boom')); } });
    const err: string[] = [];
    const code = await main(['ip', '-'], { stdout: { write: () => true }, stderr: { write: (c: string) => err.push(c) }, stdin });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/^partnerguard ip: Cannot read standard input: boom\n$/u);
  });
});
