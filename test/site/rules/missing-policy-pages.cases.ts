import { missingPolicyPages } from '../../../src/site/rules/missing-policy-pages.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const links = siteFeatures().links;

/** The firing and quiet cases of `missingPolicyPages` (listed in its docs page). */
export const cases = ruleCases(missingPolicyPages, {
  valid: [
    { name: 'all present', features: siteFeatures() },
    { name: 'one missing is below minMissing', features: siteFeatures({ links: { ...links, policy: { privacy: true, contact: true, about: false, terms: true } } }) },
  ],
  invalid: [
    { name: 'none', features: siteFeatures({ links: { ...links, policy: { privacy: false, contact: false, about: false, terms: false } } }), hits: [{ messageId: 'missing', evidence: { missing: ['privacy', 'contact', 'about', 'terms'] }, confidence: 1 }] },
    { name: 'two of four', features: siteFeatures({ links: { ...links, policy: { privacy: false, contact: true, about: false, terms: true } } }), hits: [{ messageId: 'missing', evidence: { missing: ['privacy', 'about'] }, confidence: 0.5 }] },
  ],
});
