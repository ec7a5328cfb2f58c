import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  windowSeconds: z.number().positive().max(86_400).default(10).describe('How long a click id or fingerprint is remembered (sizes the duplicate window).'),
  fingerprintConfidence: z.number().min(0).max(1).default(0.75).describe('Confidence for a repeat of the same IP, user agent, sub id and landing URL (a double click is possible).'),
});

/** `click/duplicate-click`: the same click id, or the same client on the same link, again within seconds. */
export const duplicateClick = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/duplicate-click',
    subject: 'click',
    description: 'The same click id, or the same IP + user agent + sub id + landing URL, was seen moments before.',
    defaultScore: 40,
    options,
    reads: { window: { name: 'duplicate', lengthOption: 'windowSeconds' } },
    messages: {
      sameClickId: 'click id {{clickId}} already seen {{count}} time(s) in the last {{seconds}} s',
      sameFingerprint: 'same IP, user agent and link already clicked {{count}} time(s) in the last {{seconds}} s',
    },
  },
  evaluate(f, o): Finding | null {
    const w = f.window;
    const seconds = w.duplicateWindowSeconds;
    if (w.sameClickId > 0) {
      return { messageId: 'sameClickId', data: { clickId: f.clickId, count: w.sameClickId, seconds }, evidence: { clickId: f.clickId, earlier: w.sameClickId, windowSeconds: seconds } };
    }
    if (w.sameFingerprint > 0) {
      return {
        messageId: 'sameFingerprint',
        data: { count: w.sameFingerprint, seconds },
        evidence: { ip: f.address, earlier: w.sameFingerprint, windowSeconds: seconds },
        confidence: o.fingerprintConfidence,
      };
    }
    return null;
  },
});
