import { datacenterIp } from '../../../src/clicks/rules/datacenter-ip.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `datacenterIp` (listed in its docs page). */
export const cases = ruleCases(datacenterIp, {
  valid: [
    { name: 'consumer network', features: clickFeatures() },
    { name: 'verified crawler is not "hosting"', features: clickFeatures({ ip: { network: 'crawler', provider: 'Googlebot' } }) },
  ],
  invalid: [
    { name: 'an AWS address', features: clickFeatures({ address: '3.5.140.2', ip: { network: 'hosting', provider: 'AWS' } }), hits: [{ messageId: 'hosting', evidence: { ip: '3.5.140.2', provider: 'AWS' } }] },
  ],
});
