/**
 * Streaming readers for click and conversion streams: files (NDJSON or CSV, optionally
 * gzip), Node streams and (async) iterables of objects, with field mapping, zod
 * validation and counted rejects.
 *
 * What counts as a row, so that `rows === accepted + rejected` always holds:
 * - NDJSON: every non-blank line. Blank (empty or whitespace-only) lines are skipped and
 *   counted in `stats.blankLines`, not as rows: they carry no record and are common at
 *   file ends; line numbers still count them, so a reject's line is the physical line.
 * - CSV: every data record after the header; a quoted field may span lines and the record
 *   is numbered by its first line (the header is line 1). Blank lines as in NDJSON.
 * - Iterables and object streams: every item, numbered from 1.
 *
 * A bad row never stops the read: it becomes a {@link Reject}. Only a source that cannot
 * be read at all (missing file, corrupt gzip, a CSV header that cannot be parsed) throws
 * an {@link InputError}.
 * @module
 */
import { setOwn } from '../shared/own-property.js';
import type { ZodError } from 'zod';
import { InputError } from '../engine/errors.js';
import { ClickLineParser, MAX_LINE_CHARS } from './read/click-line.js';
import { csvRecords, splitCsvRecord } from './read/csv.js';
import { isBlankLine, splitLines, type PhysicalLine } from './read/lines.js';
import { compileMapping, project, type FieldCoercion, type Projection } from './read/mapping.js';
import { CLICK_FIELDS, CONVERSION_FIELDS, clickSchema, conversionSchema, fastClick, fastConversion, problemOf } from './read/schema.js';
import { openSource } from './read/source.js';
import type { Click, ClickSource, Conversion, ReadOptions, ReadResult, ReadStats, RecordReader, Reject } from './types.js';

/** Default longest row in bytes (1 MiB): far above any real click, far below memory trouble. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Default characters of a rejected row kept in `Reject.raw`. */
export const DEFAULT_MAX_RAW_CHARS = 200;

interface Kind<T> {
  readonly name: 'click' | 'conversion';
  readonly fields: readonly string[];
  readonly coercions: Readonly<Record<string, FieldCoercion>>;
  readonly idField: string;
  readonly schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } };
  /** Accepts the common valid row without zod (same output), or returns undefined to let the schema decide. */
  readonly fast?: (row: Readonly<Record<string, unknown>>, source: 'projected' | 'json', copy: boolean) => T | undefined;
}

const CLICK_KIND: Kind<Click> = {
  name: 'click',
  fields: CLICK_FIELDS,
  coercions: { timestamp: 'timestamp' },
  idField: 'clickId',
  schema: clickSchema,
  fast: fastClick,
};
const CONVERSION_KIND: Kind<Conversion> = {
  name: 'conversion',
  fields: CONVERSION_FIELDS,
  coercions: { timestamp: 'timestamp', clickTime: 'timestamp', amount: 'number', status: 'lower' },
  idField: 'conversionId',
  schema: conversionSchema,
  fast: fastConversion,
};

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new InputError(`options.${name} must be a positive integer, got ${String(value)}`, { location: `options.${name}` });
  return value;
}

function rawOf(item: unknown, max: number): string | undefined {
  try {
    const s = JSON.stringify(item);
    return s === undefined ? undefined : clip(s, max);
  } catch {
    return undefined;
  }
}

/** `copy: false` lets an NDJSON row that needs no normalising be the record itself (see `fastClick`); the public readers always copy. */
function createReader<T>(kind: Kind<T>, source: ClickSource, options: ReadOptions, copy = true): RecordReader<T> & { batches(): AsyncIterable<readonly ReadResult<T>[]> } {
  const maxLineBytes = positiveInt(options.maxLineBytes, DEFAULT_MAX_LINE_BYTES, 'maxLineBytes');
  const maxRaw = positiveInt(options.maxRawChars, DEFAULT_MAX_RAW_CHARS, 'maxRawChars');
  const stats: ReadStats = { rows: 0, blankLines: 0, accepted: 0, rejected: 0, byReason: {} };
  const compile = (columns?: readonly string[]): Projection =>
    compileMapping(kind.name, kind.fields, kind.coercions, {
      mapping: options.mapping,
      defaults: options.defaults,
      idField: options.idFromLine === true ? kind.idField : undefined,
      columns,
    });
  // Validate the mapping now, so a typo throws at the call, not at the first row.
  let plan = compile();

  const reject = (line: number, reason: string, message: string, raw?: string): ReadResult<T> => {
    stats.rows++;
    stats.rejected++;
    stats.byReason[reason] = (stats.byReason[reason] ?? 0) + 1;
    const r: Reject = raw === undefined ? { line, reason, message } : { line, reason, message, raw: clip(raw, maxRaw) };
    return { ok: false, reject: r };
  };

  const validate = (line: number, row: Readonly<Record<string, unknown>>, raw: () => string | undefined, json = false): ReadResult<T> => {
    // Unmapped JSON rows that need no normalising skip the projection's copy.
    const direct = json && plan.identity ? kind.fast?.(row, 'json', copy) : undefined;
    if (direct !== undefined) {
      stats.rows++;
      stats.accepted++;
      return { ok: true, line, record: direct };
    }
    const projected = project(row, plan, line);
    const record = kind.fast?.(projected, 'projected', true);
    if (record !== undefined) {
      stats.rows++;
      stats.accepted++;
      return { ok: true, line, record };
    }
    const parsed = kind.schema.safeParse(projected);
    if (parsed.success) {
      stats.rows++;
      stats.accepted++;
      return { ok: true, line, record: parsed.data };
    }
    const problem = problemOf(parsed.error, projected, kind.fields);
    return reject(line, problem.reason, problem.message, raw());
  };

  // The scan's rows (copy: false) skip `JSON.parse` where the line's shape allows (see `click-line.ts`).
  const lineParser = kind.name === 'click' && !copy ? new ClickLineParser() : undefined;

  /** One NDJSON line's result, or undefined for a blank line (counted, not a row). */
  const ndjsonRow = (pl: PhysicalLine): ReadResult<T> | undefined => {
    if (pl.tooLong === true) return reject(pl.line, 'line_too_long', `line is ${pl.bytes} bytes, over the ${maxLineBytes}-byte limit`, pl.head);
    const text = pl.text;
    if (isBlankLine(text)) {
      stats.blankLines++;
      return undefined;
    }
    const learning = lineParser !== undefined && plan.identity;
    if (learning) {
      const row = lineParser.parse(text);
      const record = row === undefined ? undefined : kind.fast?.(row, 'json', false);
      if (record !== undefined) {
        stats.rows++;
        stats.accepted++;
        return { ok: true, line: pl.line, record };
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return reject(pl.line, 'invalid_json', `not valid JSON: ${(error as Error).message}`, text);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return reject(pl.line, 'not_an_object', 'the line is valid JSON but not an object', text);
    }
    // A line the parser would not read (too long) teaches it nothing.
    if (learning && text.length <= MAX_LINE_CHARS) lineParser.learn(value as Record<string, unknown>);
    return validate(pl.line, value as Record<string, unknown>, () => text, true);
  };

  async function* run(): AsyncGenerator<ReadResult<T>> {
    yield* rowsOf(await openSource(source, options));
  }

  /** The rows of an NDJSON source a chunk's lines at a time (one promise per batch, not per row); other sources one row per batch. */
  async function* runBatches(): AsyncGenerator<readonly ReadResult<T>[]> {
    const opened = await openSource(source, options);
    if (opened.kind !== 'objects' && opened.format === 'ndjson') {
      for await (const batch of splitLines(opened.chunks, maxLineBytes, maxRaw)) {
        const out: ReadResult<T>[] = [];
        for (const pl of batch) {
          const r = ndjsonRow(pl);
          if (r !== undefined) out.push(r);
        }
        if (out.length > 0) yield out;
      }
      return;
    }
    for await (const r of rowsOf(opened)) yield [r];
  }

  async function* rowsOf(opened: Awaited<ReturnType<typeof openSource>>): AsyncGenerator<ReadResult<T>> {
    if (opened.kind === 'objects') {
      let line = 0;
      for await (const item of opened.items) {
        line++;
        if (typeof item !== 'object' || item === null || Array.isArray(item)) {
          yield reject(line, 'not_an_object', `item ${line} is not an object`, rawOf(item, maxRaw));
          continue;
        }
        yield validate(line, item as Record<string, unknown>, () => rawOf(item, maxRaw));
      }
      return;
    }

    const lines = splitLines(opened.chunks, maxLineBytes, maxRaw);
    if (opened.format === 'ndjson') {
      for await (const batch of lines) for (const pl of batch) {
        const r = ndjsonRow(pl);
        if (r !== undefined) yield r;
      }
      return;
    }

    let columns: string[] | undefined;
    for await (const rec of csvRecords(lines, maxLineBytes)) {
      if (rec.tooLong === true) {
        if (columns === undefined) {
          throw new InputError(`${opened.name}:${rec.line}: the CSV header is over the ${maxLineBytes}-byte limit`, { location: `${opened.name}:${rec.line}` });
        }
        yield reject(rec.line, 'line_too_long', `record is ${rec.bytes} bytes, over the ${maxLineBytes}-byte limit`, rec.head);
        continue;
      }
      if (isBlankLine(rec.text)) {
        stats.blankLines++;
        continue;
      }
      const split = rec.unterminated === true ? ({ ok: false, error: 'unterminated_quote' } as const) : splitCsvRecord(rec.text);
      if (columns === undefined) {
        if (!split.ok) throw new InputError(`${opened.name}:${rec.line}: cannot parse the CSV header (${split.error})`, { location: `${opened.name}:${rec.line}` });
        columns = split.fields.map((c) => c.trim());
        const seen = new Set<string>();
        for (const c of columns) {
          if (seen.has(c)) throw new InputError(`${opened.name}:${rec.line}: duplicate CSV column "${c}"`, { location: `${opened.name}:${rec.line}` });
          seen.add(c);
        }
        plan = compile(columns);
        continue;
      }
      if (!split.ok) {
        const message = split.error === 'unterminated_quote' ? 'a quoted field is never closed' : 'a quote appears inside an unquoted field or after a closing quote';
        yield reject(rec.line, `invalid_csv:${split.error}`, message, rec.text);
        continue;
      }
      if (split.fields.length !== columns.length) {
        yield reject(rec.line, 'invalid_csv:column_count', `expected ${columns.length} fields, found ${split.fields.length}`, rec.text);
        continue;
      }
      const row: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) setOwn(row, columns[i]!, split.fields[i]!);
      yield validate(rec.line, row, () => rec.text);
    }
  }

  let started = false;
  const once = (): void => {
    // One pass only: a second iteration would silently see nothing from a consumed stream.
    if (started) throw new InputError('A click reader can be iterated only once; call readClicks again to re-read.');
    started = true;
  };
  const reader: RecordReader<T> & { batches(): AsyncIterable<readonly ReadResult<T>[]> } = {
    stats,
    [Symbol.asyncIterator](): AsyncIterator<ReadResult<T>> {
      once();
      return run();
    },
    batches() {
      once();
      return runBatches();
    },
  };
  return reader;
}

/**
 * @internal `readClicks` for the scan: rows arrive in arrays (an NDJSON chunk's lines at a
 * time), saving an async-iterator round trip per row. `stats` then run ahead of the row
 * being handled by the rest of its batch. With `copy: false` a valid NDJSON row becomes a
 * record of one fixed shape (absent fields present as undefined), not zod's exact output, for
 * a caller that reads the canonical fields only (the scan: about 10% faster on the bench file).
 * Such rows are read by a learned-shape parser where the line allows (see `read/click-line.ts`),
 * and rows with the same headers text then share one frozen headers object.
 */
export function readClickBatches(source: ClickSource, options: ReadOptions = {}, copy = true): AsyncIterable<readonly ReadResult<Click>[]> {
  return createReader(CLICK_KIND, source, options, copy).batches();
}

/**
 * Reads clicks from a file path, Node stream or (async) iterable, yielding one
 * {@link ReadResult} per row: the validated {@link Click} or a {@link Reject} with its row
 * number and a stable reason. Streams with backpressure; `reader.stats` reconciles
 * (`rows === accepted + rejected`). Throws {@link InputError} at once for a bad `mapping`,
 * and during iteration only when the source itself cannot be read.
 * @example
 * ```ts
 * const reader = readClicks('clicks.csv.gz', { mapping: { ip: 'remote_addr', userAgent: 'ua' } });
 * for await (const r of reader) if (r.ok) handle(r.record); else log(r.reject);
 * console.log(reader.stats); // { rows, accepted, rejected, byReason, blankLines }
 * ```
 */
export function readClicks(source: ClickSource, options: ReadOptions = {}): RecordReader<Click> {
  return createReader(CLICK_KIND, source, options);
}

/** Reads conversions like {@link readClicks} reads clicks (same sources, options and row rules). */
export function readConversions(source: ClickSource, options: ReadOptions = {}): RecordReader<Conversion> {
  return createReader(CONVERSION_KIND, source, options);
}
