/**
 * The generated program's types: fraud labels, options (with their defaults) and records.
 * @module
 */
import type { Click, Conversion, PartnerInfo } from '../../src/clicks/types.js';

/** The fraud (or quality) label of an injected partner. Unlabelled partners are clean. */
export type FraudType = 'click_flooding' | 'click_injection' | 'bot_farm' | 'cookie_stuffing' | 'inflated_conversions' | 'dormant';

/** Every fraud type, in a fixed order. */
export const FRAUD_TYPES: readonly FraudType[] = Object.freeze([
  'click_flooding',
  'click_injection',
  'bot_farm',
  'cookie_stuffing',
  'inflated_conversions',
  'dormant',
]);

/** Options of {@link generateProgram}. */
export interface ProgramOptions {
  /** Seed; the same options and seed give the same program. Default 1. */
  seed?: number;
  /** Number of partners (clean + labelled). Default 300. */
  partners?: number;
  /** Length of the period in days. Default 7. */
  days?: number;
  /** Organic (clean-partner) clicks per day across the program; fraud comes on top. Default 5,000. */
  clicksPerDay?: number;
  /** Start of the period, epoch ms (UTC). Default 2024-05-06T00:00:00Z (a Monday). */
  start?: number;
  /** How many partners get each label. Default: 2 % of partners each (at least 1), dormant 3 %. */
  fraud?: Partial<Record<FraudType, number>>;
  /** Malformed click rows to inject, to exercise rejects. Default 12; use 0 for benchmarks. */
  badClickRows?: number;
  /** Malformed conversion rows to inject. Default 4. */
  badConversionRows?: number;
}

/** One item of the generated stream: a click, a conversion, or a deliberately malformed row. */
export type ProgramRecord =
  | { readonly kind: 'click'; readonly click: Click }
  | { readonly kind: 'conversion'; readonly conversion: Conversion }
  | { readonly kind: 'bad-click' | 'bad-conversion'; readonly line: string; readonly reason: string };

/** A generated program: metadata up front, records streamed on demand. */
export interface SampleProgram {
  /** The options used, defaults filled in. */
  readonly options: Readonly<Required<Omit<ProgramOptions, 'fraud'>> & { fraud: Readonly<Record<FraudType, number>> }>;
  /** The period covered: `[start, end)` in epoch ms. */
  readonly period: { readonly start: number; readonly end: number };
  /** Partner metadata for every partner, dormant ones included. */
  readonly partners: readonly PartnerInfo[];
  /** Partner id → label, for labelled partners only (unlisted partners are clean). */
  readonly labels: Readonly<Record<string, FraudType>>;
  /**
   * Streams the records in time order of clicks (a click's conversions follow the hour it
   * is in). Each call starts over and yields the same sequence; memory stays at one hour
   * of traffic, so 10-million-click files stream fine.
   */
  records(): Generator<ProgramRecord>;
}

/** The options with their defaults applied. */
export function resolveOptions(options: ProgramOptions): SampleProgram['options'] {
  const partners = options.partners ?? 300;
  const count = (share: number): number => Math.max(1, Math.round(partners * share));
  const fraud: Record<FraudType, number> = {
    click_flooding: count(0.02),
    click_injection: count(0.02),
    bot_farm: count(0.02),
    cookie_stuffing: count(0.02),
    inflated_conversions: count(0.02),
    dormant: count(0.03),
    ...options.fraud,
  };
  const labelled = Object.values(fraud).reduce((a, b) => a + b, 0);
  if (!Number.isInteger(partners) || partners < labelled + 1) {
    throw new RangeError(`generateProgram: partners (${partners}) must be an integer above the ${labelled} labelled partners`);
  }
  return {
    seed: options.seed ?? 1,
    partners,
    days: options.days ?? 7,
    clicksPerDay: options.clicksPerDay ?? 5000,
    start: options.start ?? Date.UTC(2024, 4, 6),
    fraud,
    badClickRows: options.badClickRows ?? 12,
    badConversionRows: options.badConversionRows ?? 4,
  };
}
