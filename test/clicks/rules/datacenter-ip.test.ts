import { datacenterIp } from '../../../src/clicks/rules/datacenter-ip.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { clickFeatures } from '../click-features.js';

ruleTester(datacenterIp, {
  valid: [
    { name: 'consumer network', features: clickFeatures() },
    { name: 'verified crawler is not "hosting"', features: clickFeatures({ ip: { network: 'crawler', provider: 'Googlebot' } }) },
  ],
  invalid: [
    { features: clickFeatures({ address: '3.5.140.2', ip: { network: 'hosting', provider: 'AWS' } }), hits: [{ messageId: 'hosting', evidence: { ip: '3.5.140.2', provider: 'AWS' } }] },
  ],
});
