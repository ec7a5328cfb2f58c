import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  maxRate: z.number().min(0).max(1).default(0.15).describe('Largest acceptable refund + chargeback rate (Wilson lower bound must exceed it).'),
  minConversions: z.number().int().min(1).default(10).describe('Fewer conversions than this are never judged.'),
});

/** `partner/refund-rate`: sales that come back (refunds, chargebacks) are the lagging trace of stolen cards and incentivised orders. */
export const refundRate = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/refund-rate',
    subject: 'partner',
    description: 'A significant share of conversions were refunded or charged back.',
    defaultScore: 40,
    options,
    messages: { refunds: '{{share}}% of conversions ({{count}} of {{of}}) were refunded or charged back ({{chargebacks}} chargebacks)' },
  },
  evaluate(f, o) {
    const c = f.conversions;
    const excess = shareTest({ count: c.refunded, of: c.total }, o.maxRate, o.minConversions);
    if (excess === null) return null;
    return {
      data: { share: (excess.share * 100).toFixed(1), count: c.refunded, of: c.total, chargebacks: c.chargeback },
      evidence: { refunded: c.refunded, chargebacks: c.chargeback, conversions: c.total, rate: r4(excess.share), lowerBound: r4(excess.lower), maxRate: o.maxRate },
      confidence: excess.confidence,
    };
  },
});
