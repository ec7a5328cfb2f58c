/**
 * A parser for NDJSON click lines that learns the file's key order and matches each line
 * with one regular expression, instead of `JSON.parse`.
 *
 * Why: `JSON.parse` was a third of the scan. It copies every value out of the line and builds
 * a fresh headers object per click, although machine-written logs repeat one key order and a
 * few hundred header sets. A regular expression built for the keys seen so far checks a line
 * in one native pass; its values come out as slices of the line, and a headers object is
 * parsed once per distinct text (see `TextMemo`). Measured at 1.0 µs a line against 1.6 µs
 * for `JSON.parse`.
 *
 * It answers only for lines it can read exactly as `JSON.parse` would: a flat object (values
 * are strings, numbers, `true`/`false`/`null`, or objects of those) with no whitespace
 * between tokens, each key once, keys in the learned order. For anything else it answers
 * `undefined`; the caller parses the line with `JSON.parse` and calls
 * {@link ClickLineParser.learn}, so that the next line of that shape matches. A key order that
 * contradicts the learned one replaces it once such lines outnumber the lines read lately
 * (and number at least {@link ADOPT_AFTER}). Learning stops after {@link MAX_REBUILDS} new
 * shapes, keys over {@link MAX_KEY_CHARS} characters are never learned (they would make the
 * expression slow to compile), and the parser gives up on a file where most lines miss (see
 * {@link CHECK_EVERY}): at worst a failed match per line.
 *
 * What it returns is the scan's row, not a general parse: the canonical click fields in one
 * fixed shape (absent ones undefined), other keys checked and dropped, object values (in
 * practice headers: validation sends any other field holding an object back to `JSON.parse`)
 * frozen and shared between the lines that carry the same text (texts up to 1 KB, while most
 * lines repeat one), and strings as slices that keep their line alive, as CSV fields do:
 * whatever the scan keeps past the row is copied (`detached`). Only the scan, which reads
 * canonical fields and never mutates a row, uses it.
 *
 * @module
 */
import { TextMemo } from '../../shared/text-memo.js';

/** The canonical click fields, in the order of the row this parser builds. */
const FIELDS = ['clickId', 'timestamp', 'partnerId', 'subId', 'offerId', 'ip', 'userAgent', 'referrer', 'landingUrl', 'headers', 'deviceId'] as const;
type Field = (typeof FIELDS)[number];

/** A row as `JSON.parse` would give its canonical fields; other keys are not kept. */
export type ClickLineRow = { readonly [K in Field]: unknown };

/** Most distinct keys learned: past it a new key is not learned (its lines go to `JSON.parse`). */
export const MAX_KEYS = 64;
/** Longest key learned: longer keys (a pattern of 64 keys of 15 000 characters took seconds to compile) stay with `JSON.parse`. */
export const MAX_KEY_CHARS = 128;
/** Conflicting lines needed, at least, before their key order replaces the learned one. */
export const ADOPT_AFTER = 8;
/** Most times the expression is rebuilt for a new shape. */
export const MAX_REBUILDS = 32;
/** Longer lines go to `JSON.parse`: a regular expression's backtracking stack grows with the text. */
export const MAX_LINE_CHARS = 16_384;
/**
 * Lines per check of the hit rate: when more than half of a window's lines went to
 * `JSON.parse` anyway, the parser stops trying (a failed match is a wasted pass over the line).
 */
export const CHECK_EVERY = 4096;
/** Sets of the memo of parsed object texts (headers): 32 ways each, 2048 texts in all. */
const OBJECT_SETS = 64;
/** Longer object texts are parsed per line, never cached: bounds the cache at a few MB whatever the input. */
const MAX_CACHED_OBJECT_CHARS = 1024;

// A JSON string: unescaped runs, each escape checked (the "unrolled loop", which keeps
// backtracking state flat however long the string is).
const STRING = String.raw`"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"`;
// A JSON number, exactly as the grammar has it (no leading zeros, no bare dot, no plus).
const NUMBER = String.raw`-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`;
const PRIMITIVE = `(?:${STRING}|${NUMBER}|true|false|null)`;
// An object of primitives: `{}`, or pairs separated by commas.
const FLAT_OBJECT = String.raw`\{(?:${STRING}:${PRIMITIVE}(?:,${STRING}:${PRIMITIVE})*)?\}`;
const VALUE = `(${PRIMITIVE}|${FLAT_OBJECT})`;

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/gu, '\\$&');
}

/** Whether `key` is one that `JSON.stringify` writes as plain characters and `JSON.parse` keeps in place. */
function learnableKey(key: string): boolean {
  // Array-index keys come first in JS property order whatever the line says, and `__proto__`
  // must never be set through an assignment.
  if (key.length > MAX_KEY_CHARS || key === '__proto__' || /^(?:0|[1-9]\d*)$/u.test(key)) return false;
  return JSON.stringify(key) === `"${key}"`;
}

/** Whether `value` is what {@link VALUE} accepts: a primitive or an object of primitives. */
function flatValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return false;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== null && typeof v === 'object') return false;
  }
  return true;
}

/** See the module comment. One instance per file read: what it learns is that file's shape. */
export class ClickLineParser {
  private keys: string[] = [];
  private pattern: RegExp | undefined;
  /** For each capture group, the canonical field it fills, or -1 for a key the scan does not read. */
  private slots: number[] = [];
  private rebuilds = 0;
  private tried = 0;
  private missed = 0;
  /** Whether object values are memoised: not once most of a window's were new (headers unique per line). */
  private cacheObjects = true;
  /**
   * Lines read, and learnable lines whose key order contradicted the learned one, since the
   * expression was built or the current window began (so a file whose producer changes key
   * order after a million lines adopts the new order within a window, instead of missing
   * until the parser gives up).
   */
  private sinceRead = 0;
  private sinceConflicts = 0;
  private disabled = false;
  private readonly objects = new TextMemo<Readonly<Record<string, unknown>>>(OBJECT_SETS, (text) => Object.freeze(JSON.parse(text) as Record<string, unknown>));

  /** The canonical fields of `text`, exactly as `JSON.parse(text)` has them; undefined when the line is not one this parser reads. */
  parse(text: string): ClickLineRow | undefined {
    const pattern = this.pattern;
    if (pattern === undefined || text.length > MAX_LINE_CHARS) return undefined;
    const m = pattern.exec(text);
    if (++this.tried === CHECK_EVERY) this.checkRate();
    if (m === null) {
      this.missed += 1;
      return undefined;
    }
    this.sinceRead += 1;
    const values: unknown[] = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined];
    const slots = this.slots;
    for (let g = 0; g < slots.length; g += 1) {
      const raw = m[g + 1];
      const slot = slots[g]!;
      if (raw === undefined || slot === -1) continue;
      values[slot] = this.value(raw);
    }
    return {
      clickId: values[0],
      timestamp: values[1],
      partnerId: values[2],
      subId: values[3],
      offerId: values[4],
      ip: values[5],
      userAgent: values[6],
      referrer: values[7],
      landingUrl: values[8],
      headers: values[9],
      deviceId: values[10],
    };
  }

  /**
   * Learns the key order of a line that {@link ClickLineParser.parse} did not read, from its
   * `JSON.parse` result: new keys are placed after the key before them in the line. A line
   * whose values are not flat teaches nothing; one whose order contradicts the learned order
   * replaces it only once such lines outnumber those read since it was learned.
   */
  learn(value: Readonly<Record<string, unknown>>): void {
    if (this.disabled || this.rebuilds >= MAX_REBUILDS) return;
    const lineKeys = Object.keys(value);
    const merged = [...this.keys];
    let position = -1;
    for (const key of lineKeys) {
      if (!learnableKey(key) || !flatValue(value[key])) return;
      const at = merged.indexOf(key);
      if (at === -1) {
        merged.splice(position + 1, 0, key);
        position += 1;
      } else if (at > position) {
        position = at;
      } else {
        // The order contradicts what was learned: adopt it once more lines have contradicted
        // the learned order than it has read lately, and at least ADOPT_AFTER (a first line in
        // an odd order must not lock out the rest, nor a few odd lines the majority).
        if (lineKeys.length > MAX_KEYS || !lineKeys.every((k) => learnableKey(k) && flatValue(value[k]))) return;
        this.sinceConflicts += 1;
        if (this.sinceConflicts > Math.max(this.sinceRead, ADOPT_AFTER)) this.rebuild(lineKeys);
        return;
      }
    }
    if (merged.length > MAX_KEYS || (merged.length === this.keys.length && this.pattern !== undefined)) return;
    this.rebuild(merged);
  }

  /** Whether the parser has given up on this file (see {@link CHECK_EVERY}). */
  get active(): boolean {
    return !this.disabled;
  }

  private checkRate(): void {
    if (2 * this.missed > this.tried) {
      this.disabled = true;
      this.pattern = undefined;
    }
    if (2 * this.objects.misses > this.tried) this.cacheObjects = false;
    this.tried = 0;
    this.missed = 0;
    this.objects.misses = 0;
    this.sinceRead = 0;
    this.sinceConflicts = 0;
  }

  private rebuild(keys: string[]): void {
    this.rebuilds += 1;
    this.sinceRead = 0;
    this.sinceConflicts = 0;
    this.keys = keys;
    // Each key is optional; the first one present follows the brace, every later one a comma.
    // The lookahead after a value stops a failing match from backtracking into its digits and
    // retrying every later key there: a 13K-character line of 64 long numbers without its
    // closing brace took 5.8 ms to fail without it, 0.4 ms with it.
    const groups = keys.map((key) => String.raw`(?:(?:(?<=^\{)|(?<!^\{),)"${escapeRegExp(key)}":${VALUE}(?=[,}]))?`);
    this.pattern = new RegExp(String.raw`^\{${groups.join('')}\}$`);
    this.slots = keys.map((key) => FIELDS.indexOf(key as Field));
  }

  private value(raw: string): unknown {
    const first = raw.charCodeAt(0);
    // '"'
    if (first === 34) return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    // '{'
    if (first === 123) return this.object(raw);
    // 't', 'f', 'n'
    if (first === 116) return true;
    if (first === 102) return false;
    if (first === 110) return null;
    return Number(raw);
  }

  private object(raw: string): Readonly<Record<string, unknown>> {
    if (!this.cacheObjects || raw.length > MAX_CACHED_OBJECT_CHARS) return JSON.parse(raw) as Record<string, unknown>;
    return this.objects.get(raw);
  }
}
