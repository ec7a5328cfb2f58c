/**
 * The one test behind every "share of clicks" partner rule: the one-sided 95% Wilson lower
 * bound of the share must exceed the threshold, so 3 bots in 5 clicks is not "60% bots"
 * while 300 in 500 is. Confidence ramps from 0.5 at the threshold to 1 at twice it.
 *
 * @module
 */
import type { ShareFeature } from '../features.js';
import { wilsonLower } from './beta.js';

/** The verdict of {@link shareTest}, or null when the share is not significantly above the threshold. */
export interface ShareExcess {
  /** count ÷ of. */
  readonly share: number;
  /** Wilson lower bound of the share. */
  readonly lower: number;
  /** 0.5–1. */
  readonly confidence: number;
}

/** Tests whether `share` is significantly above `maxShare`, given at least `minVolume` items. */
export function shareTest(share: ShareFeature, maxShare: number, minVolume: number): ShareExcess | null {
  if (share.of < minVolume || share.of === 0) return null;
  const lower = wilsonLower(share.count, share.of);
  if (lower < maxShare) return null;
  const confidence = Math.min(1, 0.5 + (maxShare > 0 ? (lower - maxShare) / (2 * maxShare) : 0.5));
  return { share: share.count / share.of, lower, confidence: Math.round(confidence * 1000) / 1000 };
}

/** Rounds a ratio for evidence (4 decimals), so reports stay readable and byte-stable. */
export function r4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
