import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    stdin: Readable.from([stdin]),
  });
  return { code, out, err };
}

describe('partnerguard agent', () => {
  it('prints NDJSON for arguments and stdin lines', async () => {
    const { code, out } = await run(['agent', '--json', 'curl/8.5.0', '-'], 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\n');
    expect(code).toBe(0);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { input: string; kind: string; bot?: { category: string } });
    expect(rows.map((r) => [r.kind, r.bot?.category])).toEqual([['bot', 'http-library'], ['bot', 'search-crawler']]);
  });

  it('prints a table, keeps control characters off the terminal, honours --as-of', async () => {
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36';
    const now = await run(['agent', ua]);
    expect(now.out).toContain('browser-outdated(chrome)');
    const then = await run(['agent', '--as-of', '2022-06-01', ua]);
    expect(then.out).not.toContain('browser-outdated');
    const hostile = await run(['agent', 'evil\u001b[2J\u0000']);
    expect(hostile.out).not.toContain('\u001b');
    expect(hostile.out).toContain('ua-control-chars');
  });

  it('rejects missing input and bad dates as usage errors', async () => {
    expect((await run(['agent'])).code).toBe(2);
    const bad = await run(['agent', '--as-of', 'yesterday-ish', 'curl/8']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of');
  });
});
