import { clickInjection } from '../../../src/clicks/rules/click-injection.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { ctit, partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `clickInjection` (listed in its docs page). */
export const cases = ruleCases(clickInjection, {
  valid: [
    { name: 'ordinary times', features: partnerFeatures() },
    { name: 'two fast conversions out of three is too few to judge', features: partnerFeatures({ ctit: ctit([2, 3, 4000]) }) },
  ],
  invalid: [
    { name: 'most conversions seconds after the click', features: partnerFeatures({ ctit: ctit([1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 600, 1800]) }), hits: [{ messageId: 'injection', evidence: { fastConversions: 10, conversionsWithClickTime: 12, maxSeconds: 10 } }] },
  ],
});
