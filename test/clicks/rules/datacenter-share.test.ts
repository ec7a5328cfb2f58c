import { datacenterShare } from '../../../src/clicks/rules/datacenter-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(datacenterShare, {
  valid: [{ name: 'ordinary', features: partnerFeatures() }, { name: 'at the limit', features: partnerFeatures({ datacenter: { count: 110, of: 1000 } }) }],
  invalid: [{ features: partnerFeatures({ datacenter: { count: 150, of: 1000 } }), hits: [{ messageId: 'share', evidence: { count: 150, maxShare: 0.1 } }] }],
});
