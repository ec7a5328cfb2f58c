import { noActivationShare } from '../../../src/clicks/rules/no-activation-share.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `noActivationShare` (listed in its docs page). */
export const cases = ruleCases(noActivationShare, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'headers never logged: nothing to judge', features: partnerFeatures({ clickHits: {}, activationLogged: 0 }) },
  ],
  invalid: [{ name: 'stuffing', features: partnerFeatures({ clickHits: { 'click/no-user-activation': 600 }, activationLogged: 700 }), hits: [{ messageId: 'share', evidence: { count: 600, of: 700 }, confidence: 1 }] }],
});
