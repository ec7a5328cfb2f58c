import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({});

/**
 * `site/deadline-exceeded`: the screening's overall time budget ran out before every stage
 * finished, so the report may miss what the slow part would have shown. A site that trickles
 * its answers to outlast a screener must not be approved for it: its default score alone reaches review.
 */
export const deadlineExceeded = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/deadline-exceeded',
    subject: 'site',
    description: "The screening's overall deadline ran out before the fetch, frames, probes, cloaking check or render finished; the result may be incomplete.",
    defaultScore: 30,
    options,
    messages: { ranOut: 'the {{ms}} ms screening deadline ran out during: {{stages}}; what they would have shown is missing' },
  },
  evaluate(features) {
    const d = features.deadline;
    if (d === null || d.ranOut.length === 0) return null;
    return { data: { ms: d.ms, stages: d.ranOut.join(', ') }, evidence: { deadlineMs: d.ms, ranOut: [...d.ranOut], url: features.url } };
  },
});
