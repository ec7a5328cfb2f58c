import { brandTyposquat } from '../../../src/site/rules/brand-typosquat.js';
import type { DomainFeatures } from '../../../src/site/features.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const domain = (host: string, unicodeHost = host): DomainFeatures => {
  const registrable = host.split('.').slice(-2).join('.');
  return { host, unicodeHost, registrable, label: registrable.split('.')[0]!, punycode: host.includes('xn--'), protocol: 'https:' };
};
const site = (host: string, unicodeHost?: string) => siteFeatures({ domain: domain(host, unicodeHost), brandTerms: ['outdoorgear'], merchantDomains: ['outdoorgear.com'] });

/** The firing and quiet cases of `brandTyposquat` (listed in its docs page). */
export const cases = ruleCases(brandTyposquat, {
  valid: [
    { name: 'unrelated domain', features: site('tentreviews.test') },
    { name: 'the merchant itself', features: site('www.outdoorgear.com') },
    { name: 'no brand terms', features: siteFeatures({ domain: domain('outdoorgeer.com') }) },
  ],
  invalid: [
    { name: 'typo', features: site('outdoorgeer.com'), hits: [{ messageId: 'typo', evidence: { kind: 'typo', distance: 1, brand: 'outdoorgear' } }] },
    { name: 'homoglyph via punycode', features: site('xn--utdoorgear-abc.com', 'оutdoorgear.com'), hits: [{ messageId: 'homoglyph', evidence: { kind: 'homoglyph', punycode: true } }] },
    { name: 'digit look-alike', features: site('0utd00rgear.net'), hits: [{ messageId: 'homoglyph', evidence: { kind: 'homoglyph' } }] },
    { name: 'brand on another TLD', features: site('outdoorgear.shop'), hits: [{ messageId: 'brandDomain', evidence: { kind: 'brand-domain' }, confidence: 0.8 }] },
    { name: 'contains the brand', features: site('best-outdoorgear-deals.com'), hits: [{ messageId: 'containsBrand', evidence: { kind: 'contains' }, confidence: 0.6 }] },
  ],
});
