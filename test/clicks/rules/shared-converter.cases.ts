import { sharedConverter } from '../../../src/clicks/rules/shared-converter.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `sharedConverter` (listed in its docs page). */
export const cases = ruleCases(sharedConverter, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'shared with only one other partner', features: partnerFeatures({ sharedConverters: { keys: 20, byPartnerCount: [0, 5, 15, 0, 0, 0, 0, 0, 0, 0, 0] } }) },
  ],
  invalid: [{ name: 'converters shared with three or more partners', features: partnerFeatures({ sharedConverters: { keys: 30, byPartnerCount: [0, 10, 0, 8, 6, 6, 0, 0, 0, 0, 0] } }), hits: [{ messageId: 'shared', evidence: { sharedKeys: 20, convertingKeys: 30, minPartners: 3 } }] }],
});
