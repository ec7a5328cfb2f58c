import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  windowSeconds: z.number().positive().max(86_400).default(300).describe('Sliding window per IP and partner, seconds (sizes the screener window).'),
  maxAgents: z.number().int().min(1).default(4).describe('Distinct user agents from one IP for one partner allowed inside the window.'),
});

/** `click/ua-rotation`: one address presenting many user agents, the signature of a farm rotating identities behind one exit. */
export const uaRotation = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/ua-rotation',
    subject: 'click',
    description: 'One IP sent clicks with many different user agents for one partner inside a window.',
    defaultScore: 35,
    options,
    reads: { window: { name: 'rotation', lengthOption: 'windowSeconds' } },
    messages: { rotation: '{{count}} different user agents from {{ip}} in {{seconds}} s (limit {{max}})' },
  },
  evaluate(f, o) {
    const count = f.window.ipUserAgents;
    if (count <= o.maxAgents) return null;
    const seconds = f.window.rotationWindowSeconds;
    const confidence = Math.min(1, 0.5 + (count - o.maxAgents) / (2 * o.maxAgents));
    return { data: { count, ip: f.address, seconds, max: o.maxAgents }, evidence: { ip: f.address, userAgents: count, windowSeconds: seconds, maxAgents: o.maxAgents }, confidence };
  },
});
