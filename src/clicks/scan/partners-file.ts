/**
 * The partners file: partner metadata from a JSON array or NDJSON file.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../engine/errors.js';
import { parseTimestamp } from '../read/timestamp.js';
import type { PartnerInfo } from '../types.js';

/** Reads partner metadata from a JSON array or NDJSON file. */
export function loadPartners(input: readonly PartnerInfo[] | string | undefined): PartnerInfo[] {
  if (input === undefined) return [];
  if (typeof input !== 'string') return [...input];
  let text: string;
  try {
    text = readFileSync(input, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read partners file ${input}: ${error instanceof Error ? error.message : String(error)}`, { location: input, cause: error });
  }
  const trimmed = text.trim();
  let items: unknown[];
  try {
    items = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  } catch (error) {
    throw new InputError(`Partners file ${input} is neither a JSON array nor NDJSON: ${error instanceof Error ? error.message : String(error)}`, { location: input, cause: error });
  }
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InputError(`Partners file ${input}: entry ${i + 1} is not an object`, { location: `${input}:${i + 1}` });
    const o = item as Record<string, unknown>;
    if (typeof o.partnerId !== 'string' || o.partnerId === '') throw new InputError(`Partners file ${input}: entry ${i + 1} has no partnerId`, { location: `${input}:${i + 1}` });
    const info: PartnerInfo = { partnerId: o.partnerId };
    if (Array.isArray(o.siteDomains)) info.siteDomains = o.siteDomains.filter((d): d is string => typeof d === 'string');
    if (o.joinedAt !== undefined) {
      const t = parseTimestamp(o.joinedAt);
      if (t === undefined) throw new InputError(`Partners file ${input}: entry ${i + 1} has an unreadable joinedAt`, { location: `${input}:${i + 1}` });
      info.joinedAt = t;
    }
    return info;
  });
}

