import { prohibitedContent } from '../../../src/site/rules/prohibited-content.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { siteFeatures } from '../site-features.js';

const content = siteFeatures().content;
const withText = (text: string) => siteFeatures({ content: { ...content, text } });

/** The firing and quiet cases of `prohibitedContent` (listed in its docs page). */
export const cases = ruleCases(prohibitedContent, {
  valid: [
    { name: 'a review mentioning a casino once', features: withText('we stayed at a hotel with an online casino next door and loved the pool') },
    { name: 'custom list, not enough terms', features: withText('vape juice here'), options: { categories: { vaping: ['vape juice', 'e liquid', 'nicotine salts'] } } },
  ],
  invalid: [
    { name: 'gambling site', features: withText('best online casino free spins no deposit bonus and sportsbook odds'), hits: [{ messageId: 'category', evidence: { category: 'gambling', terms: ['online casino', 'free spins', 'sportsbook', 'no deposit bonus'] } }] },
    { name: 'custom category', features: withText('vape juice e liquid and nicotine salts'), options: { categories: { vaping: ['vape juice', 'e liquid', 'nicotine salts'] } }, hits: [{ messageId: 'category', evidence: { category: 'vaping' } }] },
  ],
});
