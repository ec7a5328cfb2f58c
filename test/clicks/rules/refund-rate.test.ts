import { refundRate } from '../../../src/clicks/rules/refund-rate.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(refundRate, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'too few conversions', features: partnerFeatures({ conversions: { total: 4, refunded: 3, chargeback: 1 } }) },
  ],
  invalid: [{ features: partnerFeatures({ conversions: { total: 40, refunded: 20, chargeback: 8 } }), hits: [{ messageId: 'refunds', evidence: { refunded: 20, chargebacks: 8, conversions: 40 } }] }],
});
