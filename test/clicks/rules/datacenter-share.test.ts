import { datacenterShare } from '../../../src/clicks/rules/datacenter-share.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { partnerFeatures } from '../partner-features.js';

ruleTester(datacenterShare, {
  valid: [{ name: 'ordinary', features: partnerFeatures() }, { name: 'at the limit', features: partnerFeatures({ clicks: 1000, clickHits: { 'click/datacenter-ip': 110 } }) }],
  invalid: [{ features: partnerFeatures({ clicks: 1000, clickHits: { 'click/datacenter-ip': 150 } }), hits: [{ messageId: 'share', evidence: { count: 150, maxShare: 0.1 } }] }],
});
