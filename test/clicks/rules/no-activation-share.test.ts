import { noActivationShare } from '../../../src/clicks/rules/no-activation-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(noActivationShare, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'headers never logged: nothing to judge', features: partnerFeatures({ clickHits: {}, activationLogged: 0 }) },
  ],
  invalid: [{ name: 'stuffing', features: partnerFeatures({ clickHits: { 'click/no-user-activation': 600 }, activationLogged: 700 }), hits: [{ messageId: 'share', evidence: { count: 600, of: 700 }, confidence: 1 }] }],
});
