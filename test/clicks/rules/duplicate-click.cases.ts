import { duplicateClick } from '../../../src/clicks/rules/duplicate-click.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `duplicateClick` (listed in its docs page). */
export const cases = ruleCases(duplicateClick, {
  valid: [{ name: 'first sighting', features: clickFeatures() }],
  invalid: [
    { name: 'same click id', features: clickFeatures({ clickId: 'dup', window: { sameClickId: 2 } }), hits: [{ messageId: 'sameClickId', evidence: { clickId: 'dup', earlier: 2 }, confidence: 1 }] },
    { name: 'same fingerprint', features: clickFeatures({ window: { sameFingerprint: 1 } }), hits: [{ messageId: 'sameFingerprint', evidence: { ip: '81.2.69.160', earlier: 1 }, confidence: 0.75 }] },
  ],
});
