import { spoofedCrawler } from '../../../src/clicks/rules/spoofed-crawler.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { clickFeatures } from '../click-features.js';

ruleTester(spoofedCrawler, {
  valid: [{ name: 'no claim', features: clickFeatures() }],
  invalid: [
    {
      features: clickFeatures({ address: '45.9.1.1', spoofedCrawler: { claimed: 'Googlebot', network: 'hosting', provider: 'OVH' } }),
      hits: [{ messageId: 'spoofed', evidence: { claimed: 'Googlebot', ip: '45.9.1.1', network: 'hosting' } }],
    },
  ],
});
