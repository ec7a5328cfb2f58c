/**
 * Canonical click-stream records and the shapes of the input layer.
 *
 * Everything downstream (enrichment, windows, aggregates, rules) reads only these
 * records; the readers in `read.ts` turn host files, streams and iterables into them.
 *
 * Beyond the records themselves:
 * - `ReadOptions` gained `maxLineBytes`, `gzip` and `maxRawChars` (limits, habit 7), and
 *   `defaults` / `idFromLine` for host logs that lack a field entirely (TalkingData has no
 *   click id and no user agent).
 * - `ClickSource` also accepts a `URL` (a `file:` URL to a file) and an async iterable of
 *   byte chunks (e.g. a web `ReadableStream` body), read like a byte stream.
 * - `ReadStats` and `RecordReader` added: readers are async iterables that also keep the
 *   running reconciliation (`reader.stats`).
 * @module
 */

/** One click as partnerguard sees it, whatever the host's column names were. */
export interface Click {
  /** The host's identifier of the click; unique within a stream (duplicates are a rule, not a reject). */
  clickId: string;
  /** When the click happened, epoch milliseconds (UTC). */
  timestamp: number;
  /** The partner (affiliate, publisher, influencer) credited with the click. */
  partnerId: string;
  /** The partner's own sub-identifier (placement, sub-affiliate), if logged. */
  subId?: string;
  /** The offer or campaign the click was for, if logged. */
  offerId?: string;
  /** The client address, IPv4 or IPv6 text form. */
  ip: string;
  /** The `User-Agent` request header; empty string when the client sent none. */
  userAgent: string;
  /** The `Referer` request header, if any. */
  referrer?: string;
  /** The URL the click landed on, if logged. */
  landingUrl?: string;
  /**
   * Selected request headers with lower-cased names: `sec-fetch-*`, `sec-ch-ua*` and
   * `accept-language`, when the host logs them. Absent means "not logged", which rules
   * must not read as "not sent".
   */
  headers?: Readonly<Record<string, string>>;
  /** A device or cookie identifier, if the host has one. */
  deviceId?: string;
}

/** Settlement state of a conversion; `refunded` and `chargeback` feed the refund-rate rule. */
export type ConversionStatus = 'approved' | 'pending' | 'refunded' | 'chargeback';

/** One conversion (sale, lead, install) attributed to a click. */
export interface Conversion {
  /** The host's identifier of the conversion. */
  conversionId: string;
  /** The attributed click; used to join when `clickTime` is absent. */
  clickId: string;
  /** The partner credited with the conversion. */
  partnerId: string;
  /** When the conversion happened, epoch milliseconds (UTC). */
  timestamp: number;
  /** When the attributed click happened, epoch milliseconds, if the host knows it. */
  clickTime?: number;
  /** Revenue (or payout) amount in the program's currency, if known. */
  amount?: number;
  /** Settlement state, if known. */
  status?: ConversionStatus;
  /** The coupon code used, if any (coupon-site attribution). */
  couponCode?: string;
  /** The converting client's address, if logged. */
  ip?: string;
  /** The converting device or cookie identifier, if logged. */
  deviceId?: string;
}

/** Optional per-partner metadata supplied by the program. */
export interface PartnerInfo {
  /** The partner's identifier, as in clicks and conversions. */
  partnerId: string;
  /** The domains the partner declared it promotes from (referrer checks). */
  siteDomains?: string[];
  /** When the partner joined the program, epoch milliseconds (for the `new` status). */
  joinedAt?: number;
}

/** A row the reader could not turn into a record; counted, never dropped silently. */
export interface Reject {
  /** 1-based row number in the source: the physical line for NDJSON and CSV (the CSV header is line 1), the item index for iterables. */
  line: number;
  /** Stable machine-readable code, e.g. `invalid_json`, `missing_field:ip`, `invalid_timestamp`, `line_too_long`. */
  reason: string;
  /** What is wrong, for people. */
  message: string;
  /** The offending row's text, truncated to `ReadOptions.maxRawChars`; absent when there is nothing meaningful to show. */
  raw?: string;
}

/** One item of a reader's output: a record with its row number, or a reject. */
export type ReadResult<T> = { ok: true; line: number; record: T } | { ok: false; reject: Reject };

/**
 * Where records come from: a file path or `file:` URL (NDJSON or CSV, optionally gzip), a
 * Node readable stream or async iterable of bytes (NDJSON or CSV, optionally gzip), or an
 * (async) iterable or object-mode stream of plain objects (already parsed rows, mapped and
 * validated like file rows). Which it is, is decided by the first item.
 */
export type ClickSource =
  | string
  | URL
  | NodeJS.ReadableStream
  | AsyncIterable<Uint8Array>
  | Iterable<Record<string, unknown>>
  | AsyncIterable<Record<string, unknown>>;

/** Options shared by `readClicks` and `readConversions`. */
export interface ReadOptions {
  /** Byte format of a file or stream; `auto` (default) sniffs the first bytes (`{` → NDJSON, otherwise CSV). Ignored for iterables. */
  format?: 'ndjson' | 'csv' | 'auto';
  /** Canonical field → source column, e.g. `{ ip: 'remote_addr', userAgent: 'ua' }`. Unmapped canonical fields are read from the column of the same name. */
  mapping?: Readonly<Record<string, string>>;
  /** Longest accepted row in bytes (NDJSON line or CSV record); longer rows are rejected as `line_too_long` without being buffered. Default 1 MiB. */
  maxLineBytes?: number;
  /** Whether the bytes are gzip; `auto` (default) checks the magic bytes `1f 8b`. */
  gzip?: boolean | 'auto';
  /** How many characters of a rejected row to keep in `Reject.raw`. Default 200. */
  maxRawChars?: number;
  /** Constant values for canonical fields a row lacks, e.g. `{ userAgent: '' }` for logs that never recorded one. */
  defaults?: Readonly<Record<string, string | number>>;
  /** When a row has no `clickId` (or `conversionId`), use its row number as text. Off by default, so a wrong mapping fails loudly. */
  idFromLine?: boolean;
}

/** A reader's output: iterate it once; `stats` reconciles as you go and is final when iteration ends. */
export interface RecordReader<T> extends AsyncIterable<ReadResult<T>> {
  /** Running totals; `rows === accepted + rejected` after every item. */
  readonly stats: Readonly<ReadStats>;
}

/** Running totals of one read; `rows === accepted + rejected` always holds. */
export interface ReadStats {
  /** Rows seen: non-blank NDJSON lines, CSV data records (not the header), or iterable items. */
  rows: number;
  /** Blank (empty or whitespace-only) lines skipped; they are not rows and carry no data. */
  blankLines: number;
  /** Rows turned into records. */
  accepted: number;
  /** Rows rejected. */
  rejected: number;
  /** Rejected rows counted by `Reject.reason`. */
  byReason: Record<string, number>;
}
