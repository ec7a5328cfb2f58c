/**
 * Timestamp parsing for click streams: ISO-8601 text, epoch seconds or epoch milliseconds.
 *
 * The seconds-or-milliseconds rule: a number below 1e11 is seconds, from 1e11 up to (not
 * including) 1e14 it is milliseconds, and anything larger is refused. 1e11 seconds is the
 * year 5138 and 1e11 milliseconds is 3 March 1973, so both readings are unambiguous for any
 * click logged between 1973 and 5138. Values of 1e14 and above are microseconds or
 * nanoseconds, which we refuse rather than guess. Negative values are refused.
 * @module
 */

/** Numbers below this are epoch seconds; at or above it, epoch milliseconds. */
export const EPOCH_SECONDS_LIMIT = 1e11;

/** Numbers at or above this are refused (microseconds or nanoseconds, not guessed). */
export const EPOCH_MILLIS_LIMIT = 1e14;

// Digits with an optional fraction: epoch values in CSV cells or JSON strings.
const NUMERIC = /^\d{1,20}(?:\.\d{1,9})?$/u;

// ISO-8601 / RFC 3339 calendar date with optional time and zone. A space may stand for
// `T` (RFC 3339 allows it and many logs, TalkingData included, use it). Every part has a
// fixed width, so matching is linear.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[,.](\d{1,9}))?)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/iu;

/** Turns an epoch number (seconds or milliseconds, see the module rule) into milliseconds. */
export function epochToMillis(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0 || value >= EPOCH_MILLIS_LIMIT) return undefined;
  return value < EPOCH_SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value);
}

/**
 * Parses a timestamp to epoch milliseconds, or returns `undefined` when it is not one.
 *
 * Accepts a finite number (seconds or milliseconds, see the module rule), a string of
 * digits (the same rule), an ISO-8601 string (`2024-05-01T12:00:00Z`,
 * `2024-05-01 12:00:00.250+02:00`, `2024-05-01`), or a `Date`. ISO text without a zone is
 * read as UTC, never as the machine's local time, so a scan gives the same result on
 * every machine.
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return epochToMillis(value);
  if (value instanceof Date) {
    const t = value.getTime();
    return t >= 0 && t < EPOCH_MILLIS_LIMIT ? t : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 40) return undefined;
  if (NUMERIC.test(text)) return epochToMillis(Number(text));
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // Pad or cut the fraction to milliseconds; sub-millisecond digits are dropped, not rounded,
  // so the result never moves into the next second.
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const base = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Date.UTC rolls 31 February over into March; a round trip catches impossible dates.
  const check = new Date(base);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  let offset = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offset = (oh * 60 + om) * 60_000 * (m[9] === '-' ? -1 : 1);
  }
  // A leap second (:60) is read as :59.999 + 1 ms, i.e. the next second's start.
  const leap = second === 60 ? 1000 : 0;
  const result = base - offset + leap;
  // Already milliseconds: range-check it without the seconds-or-milliseconds rule.
  return result >= 0 && result < EPOCH_MILLIS_LIMIT ? result : undefined;
}
