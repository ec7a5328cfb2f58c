/**
 * zod schemas for canonical clicks and conversions, and the mapping from zod issues to
 * stable reject reasons.
 *
 * Reasons: `missing_field:<field>` (absent, null or empty), `invalid_timestamp:<field>`
 * (not ISO-8601 or epoch seconds/milliseconds, see `timestamp.ts`), `invalid_field:<field>`
 * (wrong type, too long, unknown status). A row gets one reason, its first problem in
 * field order, so counts by reason add up to the rejected total.
 * @module
 */
import { z } from 'zod';
import type { Click, Conversion } from '../types.js';
import { EPOCH_MILLIS_LIMIT, epochToMillis } from './timestamp.js';

/** Longest accepted identifier (click, partner, sub, offer, conversion, device, coupon). */
export const MAX_ID_LENGTH = 256;
/** Longest accepted user agent, referrer or landing URL. */
export const MAX_TEXT_LENGTH = 8192;
/** Longest accepted IP text (the longest IPv6 form with a zone fits easily). */
export const MAX_IP_LENGTH = 64;
/** Most request headers kept per click. */
export const MAX_HEADERS = 64;
/** Longest accepted header value. */
export const MAX_HEADER_VALUE_LENGTH = 1024;
/** Largest accepted conversion amount either way: far above any order, far below where sums in cents lose precision or overflow. */
export const MAX_AMOUNT = 1e9;

const id = z.string().min(1).max(MAX_ID_LENGTH);
const optionalId = id.optional();
const ip = z.string().min(1).max(MAX_IP_LENGTH);
const text = z.string().max(MAX_TEXT_LENGTH);
const optionalText = text.optional();
// `project` has already turned every timestamp it could parse into epoch milliseconds, so
// anything else left here is a value it could not read.
const timestamp = z.number().int().nonnegative().lt(EPOCH_MILLIS_LIMIT);

// Header names repeat on every row and JSON.parse interns object keys, so a set lookup
// (hash cached on the string) beats re-reading the characters; bounded like any memo.
const LOWER_CASE_NAMES = new Set<string>();
const LOWER_CASE_NAMES_MAX = 1024;

function isLowerCaseName(name: string): boolean {
  if (name === '__proto__') return false;
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  if (LOWER_CASE_NAMES.size >= LOWER_CASE_NAMES_MAX) LOWER_CASE_NAMES.clear();
  LOWER_CASE_NAMES.add(name);
  return true;
}

/**
 * Whether a value is a headers map as `project` builds it: bounded string values under
 * bounded names. With `lowerCaseNames`, also whether `project` would have copied it
 * unchanged: names already lower-case, and not `__proto__` (which a plain assignment would
 * not copy) — the check `fastClick` makes of a `JSON.parse` result, in the same pass.
 */
export function isHeaderMap(value: unknown, lowerCaseNames = false): value is Readonly<Record<string, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let count = 0;
  for (const name in value) {
    const v = (value as Record<string, unknown>)[name];
    if (typeof v !== 'string' || v.length > MAX_HEADER_VALUE_LENGTH || name.length > MAX_ID_LENGTH) return false;
    if (lowerCaseNames && !LOWER_CASE_NAMES.has(name) && !isLowerCaseName(name)) return false;
    if (++count > MAX_HEADERS) return false;
  }
  return true;
}

// A custom check rather than z.record: measured, z.record cost ~3 µs a row, more than the
// rest of the click schema together, and headers are on every click.
const headers = z.custom<Readonly<Record<string, string>>>((value) => isHeaderMap(value), {
  message: `expected an object of at most ${MAX_HEADERS} string headers of at most ${MAX_HEADER_VALUE_LENGTH} characters`,
});

/**
 * Validates one click row as projected by `project` (ids as text, timestamps already in
 * epoch milliseconds, header names lower-cased) into a {@link Click}.
 */
export const clickSchema = z.object({
  clickId: id,
  timestamp,
  partnerId: id,
  subId: optionalId,
  offerId: optionalId,
  ip,
  userAgent: text,
  referrer: optionalText,
  landingUrl: optionalText,
  headers: headers.optional(),
  deviceId: optionalId,
}) satisfies z.ZodType<Click, unknown>;

const isId = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= MAX_ID_LENGTH;
const isOptionalId = (v: unknown): boolean => v === undefined || isId(v);
const isOptionalText = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.length <= MAX_TEXT_LENGTH);
/** What `timestamp` (the schema's) accepts: epoch milliseconds as a safe, non-negative integer below the limit. */
const isTimestamp = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < EPOCH_MILLIS_LIMIT;
/** What `ip` (the schema's) accepts. */
const isIpText = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= MAX_IP_LENGTH;

/** The checks {@link fastClick} makes, allocating nothing: the row's time in epoch ms when they all pass, else undefined. */
function checkedTimestamp(row: Readonly<Record<string, unknown>>, raw: boolean): number | undefined {
  const { clickId, timestamp, partnerId, subId, offerId, ip: address, userAgent, referrer, landingUrl, headers: h, deviceId } = row;
  if (!isId(clickId) || !isId(partnerId) || !isOptionalId(subId) || !isOptionalId(offerId) || !isOptionalId(deviceId)) return undefined;
  const t = raw && typeof timestamp === 'number' ? epochToMillis(timestamp) : timestamp;
  if (!isTimestamp(t) || !isIpText(address)) return undefined;
  if (typeof userAgent !== 'string' || userAgent.length > MAX_TEXT_LENGTH || !isOptionalText(referrer) || !isOptionalText(landingUrl)) return undefined;
  if (raw ? referrer === '' || landingUrl === '' || (h !== undefined && !isHeaderMap(h, true)) : h !== undefined && !isHeaderMap(h)) return undefined;
  return t;
}

/**
 * Whether a click object handed over as a {@link Click} (epoch-ms timestamp, canonical keys)
 * passes every check of {@link clickSchema}, without copying it: the online screener's check.
 * False may still be a click the schema accepts; ask the schema then.
 */
export function isCanonicalClick(row: Readonly<Record<string, unknown>>): boolean {
  return checkedTimestamp(row, false) !== undefined;
}

/**
 * The common case of {@link clickSchema} without zod: a row every check of the schema
 * accepts, returned exactly as `clickSchema.safeParse` would (schema fields only, in schema
 * order); `undefined` for anything else (including rows the schema might accept), which then
 * goes through `project` and zod for its verdict and reject reason. Measured at a third of the read cost.
 *
 * `source` says what the row is:
 * - `'projected'`: it comes straight from `project` (canonical keys only), so it can be returned as is;
 * - `'json'`: it is a `JSON.parse` result read without a field mapping, and is accepted only
 *   where `project` would have passed every value through unchanged (the timestamp aside,
 *   which is converted the same way): no empty optional fields, lower-case header names. That
 *   saves the projection's copy of every row of the common, unmapped NDJSON file.
 *
 * `copy: false` (the scan, which reads canonical fields only) returns a `'json'` row as an
 * object of one fixed shape: every canonical key, absent ones `undefined`, unknown ones dropped.
 */
export function fastClick(row: Readonly<Record<string, unknown>>, source: 'projected' | 'json', copy = true): Click | undefined {
  const raw = source === 'json';
  const t = checkedTimestamp(row, raw);
  if (t === undefined) return undefined;
  const { clickId, partnerId, subId, offerId, ip: address, userAgent, referrer, landingUrl, headers: h, deviceId } = row;
  if (!copy && raw) {
    // Every key, always, in one order: all records share one hidden class, so the scan's
    // reads of them stay monomorphic (3% faster than handing on the parsed rows, whose shapes vary).
    return { clickId, timestamp: t, partnerId, subId, offerId, ip: address, userAgent, referrer, landingUrl, headers: h, deviceId } as Click;
  }
  // `project` writes canonical keys only, in schema order but for `headers` (last): unless a
  // device id follows them, its object already is what zod would return.
  if (!raw && (h === undefined || !('deviceId' in row))) return row as unknown as Click;
  const out: Record<string, unknown> = { clickId, timestamp: t, partnerId };
  // zod copies the keys the row has, in schema order (a key present with undefined included);
  // `project` would have left an undefined value out.
  const keeps = (key: string, value: unknown): boolean => key in row && (!raw || value !== undefined);
  if (keeps('subId', subId)) out.subId = subId;
  if (keeps('offerId', offerId)) out.offerId = offerId;
  out.ip = address;
  out.userAgent = userAgent;
  if (keeps('referrer', referrer)) out.referrer = referrer;
  if (keeps('landingUrl', landingUrl)) out.landingUrl = landingUrl;
  if (keeps('headers', h)) out.headers = h;
  if (keeps('deviceId', deviceId)) out.deviceId = deviceId;
  return out as unknown as Click;
}

/** Validates one conversion row as projected by `project` into a {@link Conversion}. */
export const conversionSchema = z.object({
  conversionId: id,
  clickId: id,
  partnerId: id,
  timestamp,
  clickTime: timestamp.optional(),
  amount: z.number().min(-MAX_AMOUNT).max(MAX_AMOUNT).optional(),
  status: z.enum(['approved', 'pending', 'refunded', 'chargeback']).optional(),
  couponCode: optionalId,
  ip: ip.optional(),
  deviceId: optionalId,
}) satisfies z.ZodType<Conversion, unknown>;

const CONVERSION_STATUSES: ReadonlySet<unknown> = new Set(['approved', 'pending', 'refunded', 'chargeback']);
/**
 * The common case of {@link conversionSchema} without zod, for a row as `project` built it
 * (canonical keys only, in schema order, absent ones left out): the row itself when every
 * check of the schema passes, which is what the schema would return; `undefined` otherwise,
 * and the schema then decides. zod was three quarters of reading a conversion (4.5 µs a row).
 */
export function fastConversion(row: Readonly<Record<string, unknown>>, source: 'projected' | 'json'): Conversion | undefined {
  if (source !== 'projected') return undefined;
  const { conversionId, clickId, partnerId, timestamp: t, clickTime, amount, status, couponCode, ip: address, deviceId } = row;
  if (!isId(conversionId) || !isId(clickId) || !isId(partnerId) || !isOptionalId(couponCode) || !isOptionalId(deviceId)) return undefined;
  if (!isTimestamp(t) || (clickTime !== undefined && !isTimestamp(clickTime))) return undefined;
  if (amount !== undefined && (typeof amount !== 'number' || !Number.isFinite(amount) || amount < -MAX_AMOUNT || amount > MAX_AMOUNT)) return undefined;
  if (status !== undefined && !CONVERSION_STATUSES.has(status)) return undefined;
  if (address !== undefined && !isIpText(address)) return undefined;
  return row as unknown as Conversion;
}

/** Canonical click fields in validation (and so reject-reason) order. */
export const CLICK_FIELDS = Object.freeze(Object.keys(clickSchema.shape)) as readonly (keyof Click)[];
/** Canonical conversion fields in validation order. */
export const CONVERSION_FIELDS = Object.freeze(Object.keys(conversionSchema.shape)) as readonly (keyof Conversion)[];

const TIMESTAMP_FIELDS: ReadonlySet<string> = new Set(['timestamp', 'clickTime']);

/** The reason code and message for a failed row. */
export interface RowProblem {
  /** Stable reason code, e.g. `missing_field:ip`. */
  readonly reason: string;
  /** Human-readable explanation naming the field. */
  readonly message: string;
}

/**
 * Picks the reject reason for a row that failed validation: the first issue in field
 * order (`fields`), classified as missing, bad timestamp or otherwise invalid.
 */
export function problemOf(error: z.ZodError, row: Readonly<Record<string, unknown>>, fields: readonly string[]): RowProblem {
  let best: z.core.$ZodIssue | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const issue of error.issues) {
    const rank = fields.indexOf(String(issue.path[0]));
    if (rank !== -1 && rank < bestRank) {
      best = issue;
      bestRank = rank;
    }
  }
  best ??= error.issues[0];
  const field = best === undefined ? '' : String(best.path[0] ?? '');
  const value = row[field];
  if (value === undefined || value === null || value === '') {
    return { reason: `missing_field:${field}`, message: `required field "${field}" is missing or empty` };
  }
  if (TIMESTAMP_FIELDS.has(field)) {
    return { reason: `invalid_timestamp:${field}`, message: `"${field}" is not ISO-8601 or epoch seconds/milliseconds: ${preview(value)}` };
  }
  return { reason: `invalid_field:${field}`, message: `"${field}" is invalid (${best?.message ?? 'unknown problem'}): ${preview(value)}` };
}

function preview(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
