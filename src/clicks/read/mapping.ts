/**
 * Field mapping: turns a host's row (any column names) into an object keyed by canonical
 * field names, ready for the zod schema. Compiled once per read, applied per row.
 * @module
 */
import { setOwn } from '../../shared/own-property.js';
import { InputError } from '../../engine/errors.js';
import { parseTimestamp } from './timestamp.js';

/** A compiled mapping for one record kind. */
export interface Projection {
  /** Canonical field → the source key it is read from. */
  readonly fields: readonly (readonly [field: string, key: string])[];
  /** The source key holding a headers object (NDJSON, iterables). */
  readonly headersKey: string;
  /** Header name (lower-case) → source key, for hosts that log headers as flat columns. */
  readonly headerColumns: readonly (readonly [name: string, key: string])[];
  /** Constant values for canonical fields a row lacks. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The id field filled from the row number when absent, if enabled. */
  readonly idFromLine: string | undefined;
  /** Fields where `null` or `''` is a value (`''`), not an absence. */
  readonly emptyAllowed: ReadonlySet<string>;
  /** Per-field normalisation applied before validation. */
  readonly coercions: Readonly<Record<string, FieldCoercion>>;
  /** True when rows are read under their canonical names with nothing filled in: no mapping, defaults, header columns or ids from line numbers. */
  readonly identity: boolean;
}

/** How a canonical field's raw value is normalised before validation. */
export type FieldCoercion = 'text' | 'timestamp' | 'number' | 'lower';

/** Prefix of mapping keys (and CSV columns) that name one request header. */
export const HEADER_PREFIX = 'headers.';

/**
 * Compiles `mapping` (canonical field → source column) for a record kind. Throws an
 * {@link InputError} naming the bad key when the mapping or defaults name a field the
 * record does not have, so a typo fails before any row is read, and, given a CSV header's
 * `columns`, when the mapping names a column the header lacks.
 */
export function compileMapping(
  kind: string,
  canonical: readonly string[],
  coercions: Readonly<Record<string, FieldCoercion>>,
  options: {
    mapping?: Readonly<Record<string, string>> | undefined;
    defaults?: Readonly<Record<string, string | number>> | undefined;
    idField?: string | undefined;
    columns?: readonly string[] | undefined;
  },
): Projection {
  const mapping = options.mapping ?? {};
  const known = new Set(canonical);
  const headerColumns: [string, string][] = [];
  for (const [field, key] of Object.entries(mapping)) {
    if (typeof key !== 'string' || key.length === 0) {
      throw new InputError(`mapping.${field} must be a non-empty column name`, { location: `mapping.${field}` });
    }
    if (field.startsWith(HEADER_PREFIX) && known.has('headers')) {
      headerColumns.push([field.slice(HEADER_PREFIX.length).toLowerCase(), key]);
    } else if (!known.has(field)) {
      throw new InputError(`mapping.${field}: "${field}" is not a ${kind} field; expected one of ${[...canonical].join(', ')}`, {
        location: `mapping.${field}`,
      });
    }
  }
  if (options.columns !== undefined) {
    // Every row would lack the field (a typo, usually): say so once, at the header.
    const present = new Set(options.columns);
    for (const [field, key] of Object.entries(mapping)) {
      if (field !== 'headers' && !present.has(key)) {
        throw new InputError(`mapping.${field}: column "${key}" is not in the CSV header (columns: ${options.columns.join(', ')})`, { location: `mapping.${field}` });
      }
    }
  }
  for (const field of Object.keys(options.defaults ?? {})) {
    if (!known.has(field)) {
      throw new InputError(`defaults.${field}: "${field}" is not a ${kind} field; expected one of ${[...canonical].join(', ')}`, {
        location: `defaults.${field}`,
      });
    }
  }
  // CSV hosts log headers as flat columns named `headers.<name>`; pick them up by name.
  if (known.has('headers') && options.columns !== undefined) {
    const mapped = new Set(headerColumns.map(([name]) => name));
    for (const column of options.columns) {
      const name = column.slice(HEADER_PREFIX.length).toLowerCase();
      if (column.startsWith(HEADER_PREFIX) && !mapped.has(name)) headerColumns.push([name, column]);
    }
  }
  return {
    fields: canonical.filter((f) => f !== 'headers').map((f) => [f, mapping[f] ?? f] as const),
    headersKey: mapping.headers ?? 'headers',
    headerColumns,
    defaults: { ...options.defaults },
    idFromLine: options.idField,
    emptyAllowed: new Set(['userAgent']),
    coercions,
    identity: Object.keys(mapping).length === 0 && Object.keys(options.defaults ?? {}).length === 0 && options.idField === undefined && headerColumns.length === 0,
  };
}

/**
 * Normalises a raw value; a value that cannot be normalised is returned unchanged so the
 * schema rejects it with the field's reason.
 */
function coerce(v: unknown, how: FieldCoercion): unknown {
  switch (how) {
    case 'text':
      // Hosts log ids as numbers as often as strings; both mean the same id.
      return typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
    case 'timestamp':
      return parseTimestamp(v) ?? v;
    case 'number':
      if (typeof v === 'string' && v.trim() !== '') {
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }
      return v;
    case 'lower':
      return typeof v === 'string' ? v.trim().toLowerCase() : v;
  }
}

function headerValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Multi-valued headers arrive as arrays from some loggers; HTTP joins them with ", ".
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ');
  return undefined;
}

/**
 * Projects one source row onto canonical fields. Absent, `null` and `''` values are left
 * out (so required ones fail as `missing_field`), except for fields in `emptyAllowed`
 * (the user agent: an empty one means the client sent none). Header names are lower-cased.
 */
export function project(row: Readonly<Record<string, unknown>>, plan: Projection, line: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i++) {
    const [field, key] = fields[i]!;
    let v = row[key];
    if (v === undefined || v === null || v === '') {
      if (plan.emptyAllowed.has(field) && key in row) v = '';
      else if (field in plan.defaults) v = plan.defaults[field];
      else if (field === plan.idFromLine) v = String(line);
      else continue;
    }
    // Plain text, the common case, skips the coercion call.
    const how = plan.coercions[field];
    out[field] = how === undefined ? (typeof v === 'number' && Number.isFinite(v) ? String(v) : v) : coerce(v, how);
  }
  let headers: Record<string, unknown> | undefined;
  const nested = row[plan.headersKey];
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== 'object' || Array.isArray(nested)) {
      // Leave it for the schema to reject as invalid_field:headers.
      out.headers = nested;
    } else {
      headers = {};
      for (const name in nested) {
        if (!Object.hasOwn(nested, name)) continue;
        const value = (nested as Record<string, unknown>)[name];
        // Unconvertible values (objects) stay, for the schema to reject the row.
        if (value !== undefined && value !== null) setOwn(headers, name.toLowerCase(), headerValue(value) ?? value);
      }
    }
  }
  for (const [name, key] of plan.headerColumns) {
    const s = headerValue(row[key]);
    if (s !== undefined && s !== '') setOwn((headers ??= {}), name, s);
  }
  if (headers !== undefined) out.headers = headers;
  return out;
}
