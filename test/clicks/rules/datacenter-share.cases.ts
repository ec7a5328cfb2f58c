import { datacenterShare } from '../../../src/clicks/rules/datacenter-share.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { partnerFeatures } from '../partner-features.js';

/** The firing and quiet cases of `datacenterShare` (listed in its docs page). */
export const cases = ruleCases(datacenterShare, {
  valid: [{ name: 'ordinary', features: partnerFeatures() }, { name: 'at the limit', features: partnerFeatures({ clicks: 1000, clickHits: { 'click/datacenter-ip': 110 } }) }],
  invalid: [{ name: '15% datacenter clicks', features: partnerFeatures({ clicks: 1000, clickHits: { 'click/datacenter-ip': 150 } }), hits: [{ messageId: 'share', evidence: { count: 150, maxShare: 0.1 } }] }],
});
