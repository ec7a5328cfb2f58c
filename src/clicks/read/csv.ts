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
import type { PhysicalLine } from './lines.js';

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
 * Groups physical lines into records: a line whose last quoted field is left open continues
 * on the next line. A record is numbered by its first line. A record that grows past
 * `maxRecordBytes` while open is cut there and reported `tooLong`; reading resumes at the
 * next line as a fresh record, so one bad quote costs a bounded number of lines.
 */
export async function* csvRecords(batches: AsyncIterable<PhysicalLine[]>, maxRecordBytes: number): AsyncGenerator<CsvRecordText> {
  let open: { line: number; text: string; bytes: number } | undefined;
  for await (const batch of batches) for (const pl of batch) {
    if (pl.tooLong === true) {
      if (open !== undefined) {
        yield { line: open.line, tooLong: true, head: open.text.slice(0, 200), bytes: open.bytes + pl.bytes };
        open = undefined;
      } else {
        yield pl;
      }
      continue;
    }
    if (open === undefined) {
      // Only a quoted field left open continues on the next line; a stray quote inside an
      // unquoted field (`a,b"c`) is a bad record on its own and must not swallow the next rows.
      const split = opensQuote(pl.text) ? splitCsvRecord(pl.text) : undefined;
      if (split === undefined || split.ok || split.error !== 'unterminated_quote') {
        yield { line: pl.line, text: pl.text };
        continue;
      }
      open = { line: pl.line, text: pl.text, bytes: Buffer.byteLength(pl.text) };
      continue;
    }
    open.text += `\n${pl.text}`;
    open.bytes += 1 + Buffer.byteLength(pl.text);
    if (open.bytes > maxRecordBytes) {
      yield { line: open.line, tooLong: true, head: open.text.slice(0, 200), bytes: open.bytes };
      open = undefined;
    } else if (opensQuote(pl.text)) {
      // An odd count on the continuation line closes the quote the record opened.
      yield { line: open.line, text: open.text };
      open = undefined;
    }
  }
  if (open !== undefined) yield { line: open.line, text: open.text, unterminated: true };
}
