import { z } from 'zod';
import { defineRule, type Rule, type RuleId } from '../../engine/define-rule.js';
import type { PartnerFeatures, ShareFeature } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

type ShareKey = { [K in keyof PartnerFeatures]: PartnerFeatures[K] extends ShareFeature ? K : never }[keyof PartnerFeatures];

/** What distinguishes one "share of the partner's clicks" rule from another. */
export interface ShareRuleSpec {
  /** Rule id, `partner/…`. */
  readonly id: RuleId;
  /** The share feature read. */
  readonly feature: ShareKey;
  /** One-line description. */
  readonly description: string;
  /** Default points. */
  readonly defaultScore: number;
  /** Default largest acceptable share. */
  readonly maxShare: number;
  /** Default minimum volume judged. */
  readonly minClicks: number;
  /** Describes `minClicks` in the docs. */
  readonly minClicksDescription?: string;
  /** Message template with `{{share}}`, `{{count}}`, `{{of}}`, `{{max}}`. */
  readonly message: string;
}

function shareOptions(spec: ShareRuleSpec) {
  return z.object({
    maxShare: z.number().min(0).max(1).default(spec.maxShare).describe('Largest acceptable share; the Wilson lower bound of the share must exceed it to hit.'),
    minClicks: z.number().int().min(1).default(spec.minClicks).describe(spec.minClicksDescription ?? 'Fewer clicks than this are never judged.'),
  });
}

/**
 * Builds a partner rule that hits when a share of the partner's clicks is significantly above
 * a limit (Wilson lower bound, minimum volume). The share rules differ only in data.
 */
export function defineShareRule(spec: ShareRuleSpec): Rule<PartnerFeatures, z.output<ReturnType<typeof shareOptions>>> {
  return defineRule<PartnerFeatures, ReturnType<typeof shareOptions>>({
    meta: { id: spec.id, subject: 'partner', description: spec.description, defaultScore: spec.defaultScore, options: shareOptions(spec), messages: { share: spec.message } },
    evaluate(f, o) {
      const share = f[spec.feature];
      const excess = shareTest(share, o.maxShare, o.minClicks);
      if (excess === null) return null;
      return {
        data: { share: (excess.share * 100).toFixed(1), count: share.count, of: share.of, max: (o.maxShare * 100).toFixed(1) },
        evidence: { count: share.count, of: share.of, share: r4(excess.share), lowerBound: r4(excess.lower), maxShare: o.maxShare },
        confidence: excess.confidence,
      };
    },
  });
}
