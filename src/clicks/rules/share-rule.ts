import { z } from 'zod';
import { defineRule, type Rule, type RuleId } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

/** What distinguishes one "share of the partner's clicks" rule from another. */
export interface ShareRuleSpec {
  /** Rule id, `partner/…`. */
  readonly id: RuleId;
  /** The click rule whose live hits are counted (declared in `meta.reads`, so the loader refuses a set that switches it off). */
  readonly source: RuleId;
  /** What the hits are a share of: all clicks (default), or clicks whose `sec-fetch-*` headers were logged. */
  readonly of?: 'clicks' | 'activationLogged';
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
    meta: { id: spec.id, subject: 'partner', description: spec.description, defaultScore: spec.defaultScore, options: shareOptions(spec), messages: { share: spec.message }, reads: { rules: [spec.source] } },
    evaluate(f, o) {
      const share = { count: f.clickHits[spec.source] ?? 0, of: spec.of === 'activationLogged' ? f.activationLogged : f.clicks };
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
