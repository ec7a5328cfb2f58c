import { botAgent } from '../../../src/clicks/rules/bot-agent.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { clickFeatures } from '../click-features.js';

/** The firing and quiet cases of `botAgent` (listed in its docs page). */
export const cases = ruleCases(botAgent, {
  valid: [
    { name: 'browser', features: clickFeatures() },
    { name: 'unknown agent', features: clickFeatures({ agent: { kind: 'unknown', name: undefined } }) },
    { name: 'category switched off', features: clickFeatures({ agent: { kind: 'bot', category: 'monitoring', name: 'UptimeRobot' } }), options: { categories: { monitoring: 0 } } },
  ],
  invalid: [
    { name: 'http library', features: clickFeatures({ userAgent: 'python-requests/2.31', agent: { kind: 'bot', category: 'http-library', name: 'python-requests' } }), hits: [{ messageId: 'bot', evidence: { name: 'python-requests', category: 'http-library' }, confidence: 1 }] },
    { name: 'link preview weighs less', features: clickFeatures({ agent: { kind: 'bot', category: 'social-preview', name: 'facebookexternalhit' } }), hits: [{ messageId: 'bot', evidence: { category: 'social-preview' }, confidence: 0.6 }] },
  ],
});
