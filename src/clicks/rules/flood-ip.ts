import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  windowSeconds: z.number().positive().max(86_400).default(60).describe('Sliding window per IP and partner, seconds (sizes the screener window).'),
  maxClicks: z.number().int().min(1).default(10).describe('Clicks from one IP for one partner allowed inside the window.'),
});

/** `click/flood-ip`: one address clicking one partner's links faster than a person does. */
export const floodIp = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/flood-ip',
    subject: 'click',
    description: 'Too many clicks from one IP for one partner inside a sliding window.',
    defaultScore: 40,
    options,
    reads: { window: { name: 'flood', lengthOption: 'windowSeconds' } },
    messages: { flood: '{{count}} clicks from {{ip}} for this partner in {{seconds}} s (limit {{max}})' },
  },
  evaluate(f, o) {
    const count = f.window.ipPartnerClicks;
    if (count <= o.maxClicks) return null;
    const seconds = f.window.floodWindowSeconds;
    // Twice the limit is a flood beyond doubt; just over it may be a busy office NAT.
    const confidence = Math.min(1, 0.5 + (count - o.maxClicks) / (2 * o.maxClicks));
    return { data: { count, ip: f.address, seconds, max: o.maxClicks }, evidence: { ip: f.address, clicks: count, windowSeconds: seconds, maxClicks: o.maxClicks }, confidence };
  },
});
