import { affiliateMetaRefresh } from '../../../src/site/rules/affiliate-meta-refresh.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjClick, siteFeatures } from '../site-features.js';

const refresh = (delaySeconds: number, url: string | null, affiliate = url === null ? null : cjClick) => ({ delaySeconds, url, inNoscript: false, affiliate });

/** The firing and quiet cases of `affiliateMetaRefresh` (listed in its docs page). */
export const cases = ruleCases(affiliateMetaRefresh, {
  valid: [
    { name: 'plain reload', features: siteFeatures({ metaRefresh: [refresh(300, null)] }) },
    { name: 'refresh to own page', features: siteFeatures({ metaRefresh: [refresh(0, 'https://reviews.test/new', null)] }) },
  ],
  invalid: [
    { name: 'instant refresh to a click URL', features: siteFeatures({ metaRefresh: [refresh(0, 'https://www.anrdoezrs.net/click-1-2')] }), hits: [{ messageId: 'refresh', evidence: { network: 'cj', delaySeconds: 0 }, confidence: 1 }] },
    { name: 'slow refresh counts half', features: siteFeatures({ metaRefresh: [refresh(60, 'https://www.anrdoezrs.net/click-1-2')] }), hits: [{ messageId: 'refresh', evidence: { delaySeconds: 60 }, confidence: 0.5 }] },
  ],
});
