import { fetchRefused } from '../../../src/site/rules/fetch-refused.js';
import type { FetchFeatures } from '../../../src/site/features.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const ok: FetchFeatures = { outcome: 'ok', failureCode: null, refusalReason: null, message: null, address: null, status: 200, contentType: 'text/html', bodyBytes: 900, truncated: false, redirects: [] };

/** The firing and quiet cases of `fetchRefused` (listed in its docs page). */
export const cases = ruleCases(fetchRefused, {
  valid: [
    { name: 'no fetch', features: siteFeatures() },
    { name: 'fetched fine', features: siteFeatures({ fetch: ok }) },
  ],
  invalid: [
    {
      name: 'SSRF refusal',
      features: siteFeatures({ analysed: false, fetch: { ...ok, outcome: 'refused', failureCode: 'refused', refusalReason: 'private-address', address: '169.254.169.254', message: 'refused 169.254.169.254', status: null } }),
      hits: [{ messageId: 'refused', evidence: { reason: 'private-address', address: '169.254.169.254' } }],
    },
    { name: 'timeout', features: siteFeatures({ analysed: false, fetch: { ...ok, outcome: 'failed', failureCode: 'timeout', message: 'timed out', status: null } }), hits: [{ messageId: 'failed', evidence: { code: 'timeout' } }] },
    { name: 'not HTML', features: siteFeatures({ analysed: false, fetch: { ...ok, contentType: 'application/pdf' } }), hits: [{ messageId: 'notHtml', evidence: { contentType: 'application/pdf' } }] },
  ],
});
