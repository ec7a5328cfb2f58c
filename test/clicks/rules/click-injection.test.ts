import { clickInjection } from '../../../src/clicks/rules/click-injection.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { ctit, partnerFeatures } from '../partner-features.js';

ruleTester(clickInjection, {
  valid: [
    { name: 'ordinary times', features: partnerFeatures() },
    { name: 'two fast conversions out of three is too few to judge', features: partnerFeatures({ ctit: ctit([2, 3, 4000]) }) },
  ],
  invalid: [
    { features: partnerFeatures({ ctit: ctit([1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 600, 1800]) }), hits: [{ messageId: 'injection', evidence: { fastConversions: 10, conversionsWithClickTime: 12, maxSeconds: 10 } }] },
  ],
});
