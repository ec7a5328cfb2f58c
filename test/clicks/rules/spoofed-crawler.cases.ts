import { spoofedCrawler } from '../../../src/clicks/rules/spoofed-crawler.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `spoofedCrawler` (listed in its docs page). */
export const cases = ruleCases(spoofedCrawler, {
  valid: [{ name: 'no claim', features: clickFeatures() }],
  invalid: [
    {
      name: 'Googlebot from an OVH address',
      features: clickFeatures({ address: '45.9.1.1', spoofedCrawler: { claimed: 'Googlebot', network: 'hosting', provider: 'OVH' } }),
      hits: [{ messageId: 'spoofed', evidence: { claimed: 'Googlebot', ip: '45.9.1.1', network: 'hosting' } }],
    },
  ],
});
