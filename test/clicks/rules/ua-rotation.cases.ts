import { uaRotation } from '../../../src/clicks/rules/ua-rotation.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `uaRotation` (listed in its docs page). */
export const cases = ruleCases(uaRotation, {
  valid: [
    { name: 'one agent', features: clickFeatures() },
    { name: 'a household', features: clickFeatures({ window: { ipUserAgents: 4 } }) },
  ],
  invalid: [
    { name: 'twelve user agents from one address', features: clickFeatures({ window: { ipUserAgents: 12 } }), hits: [{ messageId: 'rotation', evidence: { userAgents: 12, maxAgents: 4 }, confidence: 1 }] },
  ],
});
