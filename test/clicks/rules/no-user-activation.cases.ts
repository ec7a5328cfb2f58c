import { noUserActivation } from '../../../src/clicks/rules/no-user-activation.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `noUserActivation` (listed in its docs page). */
export const cases = ruleCases(noUserActivation, {
  valid: [
    { name: 'headers not logged: silent', features: clickFeatures() },
    { name: 'a person followed the link', features: clickFeatures({ activation: { logged: true, user: '?1', dest: 'document', mode: 'navigate', site: 'cross-site' } }) },
    { name: 'missing activation switched off', features: clickFeatures({ activation: { logged: true, dest: 'document', mode: 'navigate', site: 'cross-site' } }), options: { missingUserConfidence: 0 } },
  ],
  invalid: [
    { name: 'stuffed iframe', features: clickFeatures({ activation: { logged: true, dest: 'iframe', mode: 'navigate', site: 'cross-site' } }), hits: [{ messageId: 'embedded', evidence: { secFetchDest: 'iframe' } }] },
    { name: 'stuffed image', features: clickFeatures({ activation: { logged: true, dest: 'image', mode: 'no-cors', site: 'cross-site' } }), hits: [{ messageId: 'embedded', evidence: { secFetchDest: 'image', secFetchMode: 'no-cors' } }] },
    { name: 'scripted navigation', features: clickFeatures({ activation: { logged: true, dest: 'document', mode: 'navigate', site: 'cross-site' } }), hits: [{ messageId: 'noActivation', evidence: { secFetchUser: null, secFetchDest: 'document' }, confidence: 0.6 }] },
  ],
});
