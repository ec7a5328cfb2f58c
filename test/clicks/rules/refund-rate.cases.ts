import { refundRate } from '../../../src/clicks/rules/refund-rate.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `refundRate` (listed in its docs page). */
export const cases = ruleCases(refundRate, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'too few conversions', features: partnerFeatures({ conversions: { total: 4, refunded: 3, chargeback: 1 } }) },
  ],
  invalid: [{ name: 'half the conversions refunded', features: partnerFeatures({ conversions: { total: 40, refunded: 20, chargeback: 8 } }), hits: [{ messageId: 'refunds', evidence: { refunded: 20, chargebacks: 8, conversions: 40 } }] }],
});
