import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  embeddedDestinations: z
    .array(z.string())
    .default(['iframe', 'frame', 'image', 'script', 'object', 'embed', 'empty', 'style'])
    .describe('`sec-fetch-dest` values that mean the click was loaded by a page, not followed by a person.'),
  missingUserConfidence: z.number().min(0).max(1).default(0.6).describe('Confidence when a top-level navigation lacks `sec-fetch-user: ?1`.'),
});

/**
 * `click/no-user-activation`: the click-side trace of cookie stuffing. A link a person
 * follows arrives as `sec-fetch-dest: document` with `sec-fetch-user: ?1`; a stuffed
 * iframe, image or script request does not. Silent when the host does not log
 * `sec-fetch-*` headers: "not logged" is not "not sent".
 */
export const noUserActivation = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/no-user-activation',
    subject: 'click',
    description: 'The click was loaded by a page (sec-fetch-dest iframe/image…) or navigated without a user activation (no sec-fetch-user).',
    defaultScore: 45,
    options,
    messages: {
      embedded: 'the click was loaded as {{dest}}, not followed by a person',
      noActivation: 'top-level navigation without a user activation (no sec-fetch-user)',
    },
  },
  evaluate(f, o): Finding | null {
    const a = f.activation;
    if (!a.logged) return null;
    if (a.dest !== undefined && o.embeddedDestinations.includes(a.dest)) {
      return { messageId: 'embedded', data: { dest: a.dest }, evidence: { secFetchDest: a.dest, secFetchMode: a.mode ?? null, secFetchSite: a.site ?? null } };
    }
    if (a.user !== '?1' && (a.dest === undefined || a.dest === 'document')) {
      if (o.missingUserConfidence <= 0) return null;
      return { messageId: 'noActivation', evidence: { secFetchUser: a.user ?? null, secFetchDest: a.dest ?? null, secFetchMode: a.mode ?? null }, confidence: o.missingUserConfidence };
    }
    return null;
  },
});
