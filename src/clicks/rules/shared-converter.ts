import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { PartnerFeatures } from '../features.js';
import { r4, shareTest } from '../stats/share.js';

const options = z.object({
  minPartners: z.number().int().min(2).max(10).default(3).describe('A converting IP or device is "shared" when it converted for at least this many partners.'),
  minKeys: z.number().int().min(1).default(3).describe('Fewer shared IPs/devices than this are never judged.'),
  maxShare: z.number().min(0).max(1).default(0.2).describe("Largest acceptable share of the partner's converting IPs/devices that are shared."),
});

/**
 * `partner/shared-converter`: one IP or device converting for many partners is a stuffing
 * victim (every partner's cookie in one browser) or a conversion farm; the partners whose
 * conversions come from such keys are the ones to look at.
 */
export const sharedConverter = defineRule<PartnerFeatures, typeof options>({
  meta: {
    id: 'partner/shared-converter',
    subject: 'partner',
    description: 'Many of the partner\'s converting IPs or devices also converted for several other partners.',
    defaultScore: 40,
    options,
    messages: { shared: '{{count}} of {{of}} converting IPs/devices also converted for {{minPartners}}+ partners' },
  },
  evaluate(f, o) {
    const { keys, byPartnerCount } = f.sharedConverters;
    let shared = 0;
    for (let k = o.minPartners; k < byPartnerCount.length; k += 1) shared += byPartnerCount[k] ?? 0;
    if (shared < o.minKeys) return null;
    const excess = shareTest({ count: shared, of: keys }, o.maxShare, o.minKeys);
    if (excess === null) return null;
    return {
      data: { count: shared, of: keys, minPartners: o.minPartners },
      evidence: { sharedKeys: shared, convertingKeys: keys, minPartners: o.minPartners, share: r4(excess.share), lowerBound: r4(excess.lower) },
      confidence: excess.confidence,
    };
  },
});
