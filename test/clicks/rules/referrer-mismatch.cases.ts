import { referrerMismatch } from '../../../src/clicks/rules/referrer-mismatch.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

const declared = ['coupons.example'];

/** The firing and quiet cases of `referrerMismatch` (listed in its docs page). */
export const cases = ruleCases(referrerMismatch, {
  valid: [
    { name: 'no declared domains', features: clickFeatures({ referrer: { host: 'elsewhere.test', declaredDomains: null } }) },
    { name: 'declared domain', features: clickFeatures({ referrer: { host: 'coupons.example', declaredDomains: declared } }) },
    { name: 'subdomain of a declared domain', features: clickFeatures({ referrer: { host: 'www.coupons.example', declaredDomains: declared } }) },
    { name: 'missing referrer is not flagged by default', features: clickFeatures({ referrer: { host: null, declaredDomains: declared } }) },
  ],
  invalid: [
    { name: 'a look-alike of the declared domain', features: clickFeatures({ referrer: { host: 'notcoupons.example', declaredDomains: declared } }), hits: [{ messageId: 'mismatch', evidence: { referrerHost: 'notcoupons.example', declaredDomains: declared } }] },
    { name: 'missing when asked', features: clickFeatures({ referrer: { host: null, declaredDomains: declared } }), options: { flagMissing: true }, hits: [{ messageId: 'missing', evidence: { referrer: null }, confidence: 0.3 }] },
  ],
});
