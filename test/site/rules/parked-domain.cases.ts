import { parkedDomain } from '../../../src/site/rules/parked-domain.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const content = siteFeatures().content;

/** The firing and quiet cases of `parkedDomain` (listed in its docs page). */
export const cases = ruleCases(parkedDomain, {
  valid: [
    { name: 'no signatures', features: siteFeatures() },
    { name: 'only the weak "related searches"', features: siteFeatures({ content: { ...content, parked: [{ id: 'related-searches', kind: 'text', match: 'related searches', weak: true }] } }) },
  ],
  invalid: [
    { name: 'for-sale banner', features: siteFeatures({ content: { ...content, parked: [{ id: 'domain-for-sale', kind: 'text', match: 'this domain is for sale', weak: false }] } }), hits: [{ messageId: 'parked', evidence: { signatures: ['domain-for-sale'] } }] },
    { name: 'parking service script', features: siteFeatures({ content: { ...content, parked: [{ id: 'sedo', kind: 'resource', match: 'sedoparking.com', weak: false }] } }), hits: [{ messageId: 'parked', evidence: { matches: ['resource:sedoparking.com'] } }] },
  ],
});
