/**
 * The click windows' lengths and memory bounds, checked once at setup.
 *
 * @module
 */
import { PartnerguardError } from '../../engine/errors.js';

/** Window lengths and memory bounds. */
export interface WindowConfig {
  /** Flood window (clicks per IP and partner), seconds. Default 60. */
  readonly floodWindowSeconds: number;
  /** UA-rotation window (distinct user agents per IP and partner), seconds. Default 300. */
  readonly rotationWindowSeconds: number;
  /** Duplicate window (same click id or fingerprint), seconds. Default 10. */
  readonly duplicateWindowSeconds: number;
  /** Most keys each window keeps per partner; the least recently seen key is evicted first. Default 100 000. */
  readonly maxKeysPerPartner: number;
  /** Most click times, and most duplicate fingerprints, kept per IP key (flood counts saturate here). Default 256. */
  readonly maxEventsPerKey: number;
  /** Most distinct user agents kept per IP key (rotation counts saturate here). Default 64. */
  readonly maxAgentsPerKey: number;
  /**
   * Most partners whose windows are kept (the online screener's bound on distinct partner ids):
   * partners are kept in two generations, and those not seen for about `maxPartners / 2`
   * newer partners are forgotten. Default 100 000; `Infinity` keeps every partner (the batch
   * scan does, so that N workers stay exact).
   */
  readonly maxPartners: number;
  /**
   * Most keys held across all partners: past it, the partners not seen most recently are
   * forgotten as above (the current partner always stays, so a bound below one partner's
   * `maxKeysPerPartner` is exceeded by at most that). Default 1 000 000 (roughly 150-300 MB);
   * `Infinity` for none (the batch scan).
   */
  readonly maxKeys: number;
}

/** The defaults of {@link WindowConfig}. */
export const DEFAULT_WINDOW_CONFIG: WindowConfig = Object.freeze({
  floodWindowSeconds: 60,
  rotationWindowSeconds: 300,
  duplicateWindowSeconds: 10,
  maxKeysPerPartner: 100_000,
  maxEventsPerKey: 256,
  maxAgentsPerKey: 64,
  maxPartners: 100_000,
  maxKeys: 1_000_000,
});

/** Checks a window configuration once, at setup (never per click). */
export function resolveWindowConfig(partial: Partial<WindowConfig> = {}): WindowConfig {
  const config = { ...DEFAULT_WINDOW_CONFIG, ...partial };
  const unbounded = new Set(['maxPartners', 'maxKeys']);
  for (const [key, value] of Object.entries(config)) {
    const infinite = unbounded.has(key) && value === Number.POSITIVE_INFINITY;
    if (typeof value !== 'number' || (!Number.isFinite(value) && !infinite) || value <= 0) {
      throw new PartnerguardError(`windows.${key} must be a positive number, received ${String(value)}`, 'INPUT_INVALID');
    }
  }
  for (const key of ['maxKeysPerPartner', 'maxEventsPerKey', 'maxAgentsPerKey', 'maxPartners', 'maxKeys'] as const) {
    if (!Number.isInteger(config[key]) && config[key] !== Number.POSITIVE_INFINITY) throw new PartnerguardError(`windows.${key} must be an integer, received ${config[key]}`, 'INPUT_INVALID');
  }
  return Object.freeze(config);
}
