import { describe, expect, it } from 'vitest';
import { ADOPT_AFTER, CHECK_EVERY, ClickLineParser, MAX_KEY_CHARS, MAX_LINE_CHARS, MAX_REBUILDS, type ClickLineRow } from '../../src/clicks/read/click-line.js';
import { seededRandom } from '../helpers/seeded-random.js';

const FIELDS = ['clickId', 'timestamp', 'partnerId', 'subId', 'offerId', 'ip', 'userAgent', 'referrer', 'landingUrl', 'headers', 'deviceId'] as const;

/** What the scan reads of a line through `JSON.parse`: the canonical fields, absent ones undefined. */
function expected(line: string): ClickLineRow | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((f) => [f, Object.hasOwn(o, f) ? o[f] : undefined])) as ClickLineRow;
}

/** Feeds lines as the reader does: parse, else `JSON.parse` and learn. Returns how many the parser read. */
function feed(parser: ClickLineParser, lines: readonly string[]): number {
  let read = 0;
  for (const line of lines) {
    const row = parser.parse(line);
    const want = expected(line);
    if (row !== undefined) {
      read += 1;
      // Any difference from JSON.parse fails here, with the line in the message.
      expect(want, line).toBeDefined();
      expect(row, line).toStrictEqual(want);
    } else if (want !== undefined) {
      parser.learn(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return read;
}


const STRINGS = ['', 'a', 'c1', 'p\\"q', 'x\\\\y', 'tab\\there', 'u\\u00e9\\u2028', 'slash\\/', '😀 emoji', 'é', '\u2028', 'lone \ud800 surrogate', '{"not":"an object"}', 'https://a.example/x?y=1#z'];
const NUMBERS = ['0', '-0', '1714953763028', '1.5', '-2', '1e3', '1E+3', '2.5e-3', '1e400', '9007199254740993'];
// Token texts that are not JSON, or not what the parser reads: each must leave the line to JSON.parse.
const BROKEN = ['01', '1.', '.5', '+1', '0x10', 'NaN', 'Infinity', 'True', 'nul', '"raw\ttab"', '"bad \\x escape"', '"\\u12"', '"unterminated', "'single'", '[1,2]', '{"deep":{"x":1}}', ' "spaced"'];

function valueText(rand: () => number, key: string): string {
  const r = rand();
  if (key === 'headers' && r < 0.6) {
    const pairs = ['"sec-fetch-dest":"document"', '"sec-fetch-user":"?1"', '"sec-ch-ua":"\\"Google Chrome\\";v=\\"153\\""', '"accept-language":"en-US,en;q=0.9"', '"__proto__":"x"', '"1":"numeric name"', '"n":5', '"b":true'];
    const n = Math.floor(rand() * 4);
    const chosen: string[] = [];
    for (let i = 0; i < n; i += 1) chosen.push(pairs[Math.floor(rand() * pairs.length)]!);
    return `{${chosen.join(',')}}`;
  }
  if (r < 0.55) return `"${STRINGS[Math.floor(rand() * STRINGS.length)]}"`;
  if (r < 0.8) return NUMBERS[Math.floor(rand() * NUMBERS.length)]!;
  if (r < 0.86) return ['true', 'false', 'null'][Math.floor(rand() * 3)]!;
  if (r < 0.97) return '{}';
  return BROKEN[Math.floor(rand() * BROKEN.length)]!;
}

/** Lines mostly in one key order with optional keys left out, some shuffled, some broken. */
function lines(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const keys = ['clickId', 'timestamp', 'partnerId', 'subId', 'offerId', 'ip', 'userAgent', 'referrer', 'landingUrl', 'headers', 'deviceId', 'extra', 'ip-country'];
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let chosen = keys.filter(() => rand() < 0.8);
    if (rand() < 0.05) chosen = [...chosen].sort(() => rand() - 0.5);
    if (rand() < 0.03) chosen.push(chosen[0] ?? 'clickId');
    if (rand() < 0.02) chosen.unshift('__proto__');
    if (rand() < 0.02) chosen.push('7');
    let line = `{${chosen.map((k) => `${JSON.stringify(k)}:${valueText(rand, k)}`).join(',')}}`;
    const damage = rand();
    if (damage < 0.02) line = line.replace(':', ': ');
    else if (damage < 0.03) line = `${line} `;
    else if (damage < 0.04) line = line.replace(',', ',,');
    else if (damage < 0.05) line = line.replace('{', '{,');
    else if (damage < 0.06) line = line.slice(0, -1);
    else if (damage < 0.07) line = `[${line}]`;
    out.push(line);
  }
  return out;
}

describe('ClickLineParser', () => {
  it('reads exactly what JSON.parse reads, or leaves the line to it (fuzzed)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const parser = new ClickLineParser();
      const all = lines(seed, 3000);
      const read = feed(parser, all);
      // Most lines are valid, flat and in the learned order: the parser must actually read them.
      expect(read).toBeGreaterThan(all.length * 0.3);
    }
  });

  it('reads a canonical click line as JSON.parse does, sharing one frozen headers object per text', () => {
    const parser = new ClickLineParser();
    const line = (id: string): string =>
      `{"clickId":"${id}","timestamp":1714953763028,"partnerId":"p152","ip":"73.200.231.10","userAgent":"Mozilla\\/5.0 (X11)","headers":{"sec-fetch-dest":"document","sec-ch-ua":"\\"Chromium\\";v=\\"153\\""},"deviceId":"d1"}`;
    expect(parser.parse(line('c0'))).toBeUndefined();
    parser.learn(JSON.parse(line('c0')) as Record<string, unknown>);
    const a = parser.parse(line('c1'));
    const b = parser.parse(line('c2'));
    expect(a).toStrictEqual(expected(line('c1')));
    expect(a?.userAgent).toBe('Mozilla/5.0 (X11)');
    expect(a?.headers).toBe(b?.headers);
    expect(a?.headers).toStrictEqual({ 'sec-fetch-dest': 'document', 'sec-ch-ua': '"Chromium";v="153"' });
  });

  it('parses long or ever-new headers texts per line instead of caching them', () => {
    const long = new ClickLineParser();
    long.learn({ clickId: 'c', headers: {} });
    const big = `{"clickId":"c","headers":{"x":"${'v'.repeat(1100)}"}}`;
    const first = long.parse(big);
    expect(first).toStrictEqual(expected(big));
    expect(long.parse(big)?.headers).not.toBe(first?.headers);
    expect(Object.isFrozen(first?.headers)).toBe(false);

    const unique = new ClickLineParser();
    unique.learn({ clickId: 'c', headers: {} });
    const line = (i: number): string => `{"clickId":"c","headers":{"x-request-id":"r${i}"}}`;
    for (let i = 0; i < CHECK_EVERY - 1; i += 1) expect(Object.isFrozen(unique.parse(line(i))?.headers)).toBe(true);
    // The window closes on this line: most objects were new, so caching stops.
    const after = unique.parse(line(-1));
    expect(after).toStrictEqual(expected(line(-1)));
    expect(Object.isFrozen(after?.headers)).toBe(false);
  });

  it('learns a new key from the line after which it appears, keeping earlier shapes', () => {
    const parser = new ClickLineParser();
    const short = '{"clickId":"c1","timestamp":1,"partnerId":"p","ip":"1.2.3.4","userAgent":"u"}';
    const longer = '{"clickId":"c1","timestamp":1,"subId":"s","partnerId":"p","ip":"1.2.3.4","userAgent":"u"}';
    parser.learn(JSON.parse(short) as Record<string, unknown>);
    expect(parser.parse(short)).toBeDefined();
    expect(parser.parse(longer)).toBeUndefined();
    parser.learn(JSON.parse(longer) as Record<string, unknown>);
    expect(parser.parse(longer)).toStrictEqual(expected(longer));
    expect(parser.parse(short)).toStrictEqual(expected(short));
    // A contradicting order is not learned, and never read.
    const swapped = '{"timestamp":1,"clickId":"c1","partnerId":"p","ip":"1.2.3.4","userAgent":"u"}';
    parser.learn(JSON.parse(swapped) as Record<string, unknown>);
    expect(parser.parse(swapped)).toBeUndefined();
    expect(parser.parse(short)).toBeDefined();
  });

  it('adopts the majority order when the first line came in another one', () => {
    const parser = new ClickLineParser();
    const odd = '{"partnerId":"p","clickId":"c0"}';
    const usual = (i: number): string => `{"clickId":"c${i}","partnerId":"p"}`;
    const usuals = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => usual(from + i));
    // ADOPT_AFTER + 1 conflicting lines adopt their order; the lines after them are read.
    expect(feed(parser, [odd, ...usuals(1, ADOPT_AFTER + 4)])).toBe(3);
    // A few odd lines later do not flip it back.
    expect(feed(parser, [odd, odd, odd, ...usuals(100, 2)])).toBe(2);
  });

  it('follows a producer that changes key order after many lines, within a window', () => {
    const parser = new ClickLineParser();
    const a = (i: number): string => `{"clickId":"c${i}","partnerId":"p","ip":"1.2.3.4"}`;
    const b = (i: number): string => `{"ip":"1.2.3.4","partnerId":"p","clickId":"c${i}"}`;
    const first = Array.from({ length: 3 * CHECK_EVERY }, (_, i) => a(i));
    const then = Array.from({ length: 3 * CHECK_EVERY }, (_, i) => b(i));
    expect(feed(parser, first)).toBe(first.length - 1);
    expect(feed(parser, then)).toBeGreaterThan(then.length - 2 * (ADOPT_AFTER + 1));
    expect(parser.active).toBe(true);
  });

  it('does not learn keys longer than MAX_KEY_CHARS', () => {
    const parser = new ClickLineParser();
    const line = (key: string): string => `{"clickId":"c","${key}":1}`;
    const fits = 'k'.repeat(MAX_KEY_CHARS);
    const long = 'k'.repeat(MAX_KEY_CHARS + 1);
    parser.learn(JSON.parse(line(fits)) as Record<string, unknown>);
    expect(parser.parse(line(fits))).toBeDefined();
    parser.learn(JSON.parse(line(long)) as Record<string, unknown>);
    expect(parser.parse(line(long))).toBeUndefined();
  });

  it('stops learning after MAX_REBUILDS shapes', () => {
    const parser = new ClickLineParser();
    for (let i = 0; i <= MAX_REBUILDS; i += 1) parser.learn({ clickId: 'c', [`k${i}`]: 1 });
    const last = `{"clickId":"c","k${MAX_REBUILDS}":1}`;
    const earlier = `{"clickId":"c","k${MAX_REBUILDS - 1}":1}`;
    expect(parser.parse(earlier)).toBeDefined();
    expect(parser.parse(last)).toBeUndefined();
  });

  it('leaves long lines to JSON.parse', () => {
    const parser = new ClickLineParser();
    parser.learn({ clickId: 'c', userAgent: 'u' });
    const at = (n: number): string => `{"clickId":"c","userAgent":"${'u'.repeat(n)}"}`;
    const fits = at(MAX_LINE_CHARS - at(0).length);
    expect(parser.parse(fits)).toBeDefined();
    expect(parser.parse(at(MAX_LINE_CHARS))).toBeUndefined();
  });

  it('gives up on a file where most lines miss, and says so', () => {
    const parser = new ClickLineParser();
    parser.learn({ clickId: 'c' });
    const spaced = '{"clickId": "c"}';
    for (let i = 0; i < CHECK_EVERY - 1; i += 1) expect(parser.parse(spaced)).toBeUndefined();
    expect(parser.active).toBe(true);
    parser.parse(spaced);
    expect(parser.active).toBe(false);
    expect(parser.parse('{"clickId":"c"}')).toBeUndefined();
  });

  it('keeps trying while most lines are read', () => {
    const parser = new ClickLineParser();
    parser.learn({ clickId: 'c' });
    for (let i = 0; i < 3 * CHECK_EVERY; i += 1) parser.parse(i % 3 === 0 ? '{"clickId": "c"}' : '{"clickId":"c"}');
    expect(parser.active).toBe(true);
    expect(parser.parse('{"clickId":"c"}')).toBeDefined();
  });
});
