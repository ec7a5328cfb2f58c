import { placeholderContent } from '../../../src/site/rules/placeholder-content.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const content = siteFeatures().content;

/** The firing and quiet cases of `placeholderContent` (listed in its docs page). */
export const cases = ruleCases(placeholderContent, {
  valid: [
    { name: 'real text', features: siteFeatures() },
    { name: '"coming soon" on a full page', features: siteFeatures({ content: { ...content, wordCount: 900, placeholders: [{ id: 'coming-soon', phrase: 'coming soon', weak: true }] } }) },
  ],
  invalid: [
    { name: 'lorem ipsum', features: siteFeatures({ content: { ...content, placeholders: [{ id: 'lorem-ipsum', phrase: 'lorem ipsum', weak: false }] } }), hits: [{ messageId: 'placeholder', evidence: { phrases: ['lorem-ipsum'] } }] },
    { name: '"coming soon" holding page', features: siteFeatures({ content: { ...content, wordCount: 12, placeholders: [{ id: 'coming-soon', phrase: 'coming soon', weak: true }] } }), hits: [{ messageId: 'placeholder', evidence: { phrases: ['coming-soon'], wordCount: 12 } }] },
  ],
});
