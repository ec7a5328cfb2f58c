import { deadlineExceeded } from '../../../src/site/rules/deadline-exceeded.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `deadlineExceeded` (listed in its docs page). */
export const cases = ruleCases(deadlineExceeded, {
  valid: [
    { name: 'outside screenSite', features: siteFeatures() },
    { name: 'every stage finished in time', features: siteFeatures({ deadline: { ms: 30_000, ranOut: [] } }) },
  ],
  invalid: [
    { name: 'the fetch trickled past the deadline', features: siteFeatures({ deadline: { ms: 2_000, ranOut: ['fetch'] } }), hits: [{ messageId: 'ranOut', evidence: { deadlineMs: 2_000, ranOut: ['fetch'] } }] },
    { name: 'probes and render ran out', features: siteFeatures({ deadline: { ms: 5_000, ranOut: ['render', 'probes'] } }), hits: [{ messageId: 'ranOut', evidence: { ranOut: ['render', 'probes'] } }] },
  ],
});
