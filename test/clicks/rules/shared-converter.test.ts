import { sharedConverter } from '../../../src/clicks/rules/shared-converter.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(sharedConverter, {
  valid: [
    { name: 'ordinary', features: partnerFeatures() },
    { name: 'shared with only one other partner', features: partnerFeatures({ sharedConverters: { keys: 20, byPartnerCount: [0, 5, 15, 0, 0, 0, 0, 0, 0, 0, 0] } }) },
  ],
  invalid: [{ features: partnerFeatures({ sharedConverters: { keys: 30, byPartnerCount: [0, 10, 0, 8, 6, 6, 0, 0, 0, 0, 0] } }), hits: [{ messageId: 'shared', evidence: { sharedKeys: 20, convertingKeys: 30, minPartners: 3 } }] }],
});
