import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  flagMissing: z.boolean().default(false).describe('Also hit when the referrer is absent (off by default: apps and privacy settings strip it).'),
  missingConfidence: z.number().min(0).max(1).default(0.3).describe('Confidence of a missing-referrer hit.'),
});

function onDomain(host: string, domains: readonly string[]): boolean {
  for (const d of domains) if (host === d || host.endsWith(`.${d}`)) return true;
  return false;
}

/** `click/referrer-mismatch`: traffic from somewhere the partner never declared (a different site, a hijacked placement). Quiet when the program declared no domains. */
export const referrerMismatch = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/referrer-mismatch',
    subject: 'click',
    description: "The referrer is not on the partner's declared site domains.",
    defaultScore: 25,
    options,
    messages: {
      mismatch: 'referrer {{host}} is not on the partner\'s declared domains ({{domains}})',
      missing: 'no referrer, but the partner declared domains ({{domains}})',
    },
  },
  evaluate(f, o): Finding | null {
    const declared = f.referrer.declaredDomains;
    if (declared === null || declared.length === 0) return null;
    const host = f.referrer.host;
    if (host === null) {
      if (!o.flagMissing || o.missingConfidence <= 0) return null;
      return { messageId: 'missing', data: { domains: declared.join(', ') }, evidence: { referrer: null, declaredDomains: [...declared] }, confidence: o.missingConfidence };
    }
    if (onDomain(host, declared)) return null;
    return { messageId: 'mismatch', data: { host, domains: declared.join(', ') }, evidence: { referrerHost: host, declaredDomains: [...declared] } };
  },
});
