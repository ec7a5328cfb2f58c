import { floodIp } from '../../../src/clicks/rules/flood-ip.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `floodIp` (listed in its docs page). */
export const cases = ruleCases(floodIp, {
  valid: [
    { name: 'one click', features: clickFeatures() },
    { name: 'at the limit', features: clickFeatures({ window: { ipPartnerClicks: 10 } }) },
    { name: 'raised limit', features: clickFeatures({ window: { ipPartnerClicks: 15 } }), options: { maxClicks: 20 } },
  ],
  invalid: [
    { name: 'just over', features: clickFeatures({ window: { ipPartnerClicks: 11 } }), hits: [{ messageId: 'flood', evidence: { clicks: 11, maxClicks: 10, windowSeconds: 60 }, confidence: 0.55 }] },
    { name: 'twice the limit', features: clickFeatures({ window: { ipPartnerClicks: 20 } }), hits: [{ messageId: 'flood', evidence: { clicks: 20, ip: '81.2.69.160' }, confidence: 1 }] },
  ],
});
