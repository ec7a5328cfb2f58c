import { describe, expect, it } from 'vitest';
import { LINES_PER_BATCH, splitLines } from '../../src/clicks/read/lines.js';

async function* chunksOf(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Buffer.from(p, 'utf8');
}

async function batches(parts: string[], maxLineBytes = 1024): Promise<{ line: number; text?: string }[][]> {
  const out: { line: number; text?: string }[][] = [];
  for await (const batch of splitLines(chunksOf(...parts), maxLineBytes)) out.push(batch.map((l) => (l.tooLong === true ? { line: l.line } : { line: l.line, text: l.text })));
  return out;
}

describe('splitLines batching', () => {
  it('yields a large chunk in batches of at most LINES_PER_BATCH lines, numbered without gaps', async () => {
    const lines = Array.from({ length: 3 * LINES_PER_BATCH + 5 }, (_, i) => `{"n":${i}}`);
    const got = await batches([`${lines.join('\n')}\n`]);
    expect(got.length).toBe(4);
    expect(got.every((b) => b.length <= LINES_PER_BATCH)).toBe(true);
    expect(got.flat().map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
    expect(got.flat().map((l) => l.text)).toEqual(lines);
  });

  it('keeps a line that straddles a chunk boundary whole when a batch ends just before it', async () => {
    const head = Array.from({ length: LINES_PER_BATCH }, (_, i) => `a${i}`).join('\n');
    const got = await batches([`${head}\nsplit-`, 'line\r\nlast']);
    const flat = got.flat();
    expect(flat.length).toBe(LINES_PER_BATCH + 2);
    expect(flat[LINES_PER_BATCH]).toEqual({ line: LINES_PER_BATCH + 1, text: 'split-line' });
    expect(flat[LINES_PER_BATCH + 1]).toEqual({ line: LINES_PER_BATCH + 2, text: 'last' });
  });

  it('reports an over-long line in its batch position and reads on', async () => {
    const long = 'x'.repeat(5000);
    const lines = [...Array.from({ length: LINES_PER_BATCH - 1 }, (_, i) => `b${i}`), long, 'after'];
    const flat = (await batches([`${lines.join('\n')}\n`], 100)).flat();
    expect(flat[LINES_PER_BATCH - 1]).toEqual({ line: LINES_PER_BATCH });
    expect(flat[LINES_PER_BATCH]).toEqual({ line: LINES_PER_BATCH + 1, text: 'after' });
  });
});
