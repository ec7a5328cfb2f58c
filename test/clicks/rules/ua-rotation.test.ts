import { uaRotation } from '../../../src/clicks/rules/ua-rotation.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { clickFeatures } from '../click-features.js';

ruleTester(uaRotation, {
  valid: [
    { name: 'one agent', features: clickFeatures() },
    { name: 'a household', features: clickFeatures({ window: { ipUserAgents: 4 } }) },
  ],
  invalid: [
    { features: clickFeatures({ window: { ipUserAgents: 12 } }), hits: [{ messageId: 'rotation', evidence: { userAgents: 12, maxAgents: 4 }, confidence: 1 }] },
  ],
});
