/**
 * CSV records (RFC 4180) from physical lines.
 *
 * We split fields ourselves instead of streaming through `csv-parse`: measured with
 * csv-parse 6.2, `skip_records_with_error` lets one stray quote swallow every following
 * record into the same error, the record delimiter is fixed by the first line (so one LF
 * line in a CRLF file merges records), and parsing record by record with its sync API
 * costs ~90 µs a row. Owning the splitter keeps each bad record an isolated, numbered
 * reject and the cost linear in the bytes.
 * @module
 */
import { isBlankLine, type PhysicalLine } from './lines.js';

/** The result of splitting one record's text into fields. */
export type SplitResult = { readonly ok: true; readonly fields: string[] } | { readonly ok: false; readonly error: string };

/**
 * Splits one CSV record into fields: comma-separated, fields optionally double-quoted with
 * `""` for a quote inside, and newlines allowed inside quotes. A quote that opens inside an
 * unquoted field, or text after a closing quote, is an error (`bad_quote`), as is an
 * unterminated quote (`unterminated_quote`).
 */
export function splitCsvRecord(text: string): SplitResult {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 0x22) {
      // Quoted field: scan to the closing quote, unescaping "" as we go.
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return { ok: false, error: 'unterminated_quote' };
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 0x22) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return { ok: true, fields };
      if (text.charCodeAt(i) !== 0x2c) return { ok: false, error: 'bad_quote' };
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = text.slice(i, end);
      if (value.includes('"')) return { ok: false, error: 'bad_quote' };
      fields.push(value);
      if (comma === -1) return { ok: true, fields };
      i = comma + 1;
    }
  }
}

/** Whether the text leaves a quoted field open (an odd number of `"`). */
function opensQuote(text: string): boolean {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count % 2 === 1;
}

/** One CSV record assembled from one or more physical lines. */
export type CsvRecordText =
  | { readonly line: number; readonly text: string; readonly tooLong?: undefined; readonly unterminated?: boolean }
  | { readonly line: number; readonly tooLong: true; readonly head: string; readonly bytes: number };

/**
 * Most physical lines one record may span. A quoted field may legitimately hold a few
 * newlines (a pasted user agent, an address), never dozens; without a line bound a stray
 * quote that no later line closes would hold up to `maxRecordBytes` of valid rows hostage.
 */
export const MAX_RECORD_LINES = 32;

/** A text line (not an over-long one) kept while its record is open, so it can be re-read. */
type TextLine = Extract<PhysicalLine, { readonly text: string }>;

/** A record whose quoted field is still open: its lines so far, joined text and byte size. */
interface OpenRecord {
  readonly lines: TextLine[];
  text: string;
  bytes: number;
}

/**
 * Groups physical lines into records: a line whose last quoted field is left open continues
 * on the next line. A record is numbered by its first line.
 *
 * A multi-line record goes wrong when it is still open at {@link MAX_RECORD_LINES} lines,
 * past `maxRecordBytes`, before an over-long line or at the end of the input, or when its
 * closed text does not split, or splits into a different number of fields than the header
 * (the first non-blank record, as the reader takes it). Then only its first line is yielded,
 * as an `unterminated` record of its own, and the lines after it are read again as fresh
 * input: a stray quote costs its own row, never the valid rows after it. Memory stays
 * bounded by the line and byte bounds, and each line is re-read at most
 * {@link MAX_RECORD_LINES} times.
 */
export async function* csvRecords(batches: AsyncIterable<PhysicalLine[]>, maxRecordBytes: number): AsyncGenerator<CsvRecordText> {
  // Records of the current batch: the steps below are synchronous, so a batch is handed on at once.
  const out: CsvRecordText[] = [];
  // Lines taken back from an abandoned record, to be read again before any new input.
  const replay: PhysicalLine[] = [];
  let open: OpenRecord | undefined;
  // The header's field count, taken from the first non-blank record as the reader does (so
  // its call needs no extra argument): a multi-line record must match it to be kept whole.
  let headerSeen = false;
  let headerFields: number | undefined;

  const emit = (rec: CsvRecordText, fields?: number): void => {
    if (!headerSeen && (rec.tooLong === true || !isBlankLine(rec.text))) {
      headerSeen = true;
      if (rec.tooLong !== true && rec.unterminated !== true) {
        if (fields === undefined) {
          const split = splitCsvRecord(rec.text);
          if (split.ok) fields = split.fields.length;
        }
        headerFields = fields;
      }
    }
    out.push(rec);
  };

  /** Yields the open record's first line alone as bad and queues the rest (then `next`) to be read again. */
  const abandon = (next?: PhysicalLine): void => {
    const rec = open!;
    open = undefined;
    const first = rec.lines[0]!;
    emit({ line: first.line, text: first.text, unterminated: true });
    const again: PhysicalLine[] = rec.lines.slice(1);
    if (next !== undefined) again.push(next);
    replay.unshift(...again);
  };

  const step = (pl: PhysicalLine): void => {
    if (pl.tooLong === true) {
      // The open record cannot close within the bounds any more.
      if (open !== undefined) abandon(pl);
      else emit(pl);
      return;
    }
    if (open === undefined) {
      // Only a quoted field left open continues on the next line; a stray quote inside an
      // unquoted field (`a,b"c`) is a bad record on its own and must not swallow the next rows.
      const split = opensQuote(pl.text) ? splitCsvRecord(pl.text) : undefined;
      if (split === undefined || split.ok || split.error !== 'unterminated_quote') {
        emit({ line: pl.line, text: pl.text }, split?.ok === true ? split.fields.length : undefined);
        return;
      }
      open = { lines: [pl], text: pl.text, bytes: Buffer.byteLength(pl.text) };
      return;
    }
    open.lines.push(pl);
    open.text += `\n${pl.text}`;
    open.bytes += 1 + Buffer.byteLength(pl.text);
    if (open.bytes > maxRecordBytes) {
      abandon();
    } else if (opensQuote(pl.text)) {
      // An odd count on the continuation line closes the quote the record opened; keep the
      // record only if it is a well-formed row, else its first line was a stray quote.
      const split = splitCsvRecord(open.text);
      if (split.ok && (headerFields === undefined || split.fields.length === headerFields)) {
        emit({ line: open.lines[0]!.line, text: open.text }, split.fields.length);
        open = undefined;
      } else {
        abandon();
      }
    } else if (open.lines.length >= MAX_RECORD_LINES) {
      abandon();
    }
  };

  const drain = (): void => {
    for (let pl = replay.shift(); pl !== undefined; pl = replay.shift()) step(pl);
  };

  for await (const batch of batches) {
    for (const pl of batch) {
      step(pl);
      if (replay.length > 0) drain();
    }
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  while (open !== undefined) {
    abandon();
    drain();
  }
  yield* out;
}
