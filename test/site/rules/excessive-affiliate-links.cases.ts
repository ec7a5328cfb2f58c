import { excessiveAffiliateLinks } from '../../../src/site/rules/excessive-affiliate-links.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const links = siteFeatures().links;

/** The firing and quiet cases of `excessiveAffiliateLinks` (listed in its docs page). */
export const cases = ruleCases(excessiveAffiliateLinks, {
  valid: [
    { name: 'review with a few affiliate links', features: siteFeatures() },
    { name: 'many links in a long guide', features: siteFeatures({ links: { ...links, total: 200, affiliate: 40 }, content: { ...siteFeatures().content, wordCount: 5000 } }) },
  ],
  invalid: [
    { name: 'link farm', features: siteFeatures({ links: { ...links, total: 60, affiliate: 55 }, content: { ...siteFeatures().content, wordCount: 300 } }), hits: [{ messageId: 'dense', evidence: { affiliateLinks: 55, totalLinks: 60 } }] },
  ],
});
