import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdin: Readable.from([stdin]),
  });
  return { code, out, err };
}

describe('partnerguard ip', () => {
  it('classifies arguments and stdin lines as NDJSON', async () => {
    const { code, out } = await run(['ip', '--json', '--dir', '/nonexistent-partnerguard-dir', '10.1.2.3', '-'], '::ffff:127.0.0.1\n\n5.9.0.1\n');
    expect(code).toBe(0);
    const rows = out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => [r.input, r.scope, r.network])).toEqual([
      ['10.1.2.3', 'private', 'unknown'],
      ['::ffff:127.0.0.1', 'loopback', 'unknown'],
      ['5.9.0.1', 'public', 'hosting'],
    ]);
    expect(rows[2]).toMatchObject({ name: 'Hetzner', asn: 24940 });
  });

  it('prints a table and exits 1 when an input is invalid', async () => {
    const { code, out } = await run(['ip', '010.1.1.1', '192.0.2.1']);
    expect(code).toBe(1);
    expect(out).toMatch(/"010\.1\.1\.1"\s+invalid \(invalid-ipv4\)/u);
    expect(out).toMatch(/192\.0\.2\.1\s+documentation\s+unknown/u);
  });

  it('needs an address', async () => {
    expect((await run(['ip'])).code).toBe(2);
  });
});

describe('partnerguard datasets', () => {
  it('rejects unknown sub-commands and source ids before fetching anything', async () => {
    expect((await run(['datasets', 'frob'])).code).toBe(2);
    const { code, err } = await run(['datasets', 'update', '--only', 'nope', '--dir', '/nonexistent-partnerguard-dir']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown source id\(s\): nope/u);
  });
});
