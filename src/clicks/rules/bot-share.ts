import { defineShareRule } from './share-rule.js';

/** `partner/bot-share`: A significant share of the partner's clicks came from bot user agents. */
export const botShare = defineShareRule({
  id: 'partner/bot-share',
  source: 'click/bot-agent',
  description: "A significant share of the partner's clicks came from bot user agents.",
  defaultScore: 50,
  maxShare: 0.1,
  minClicks: 50,
  message: '{{share}}% of clicks ({{count}} of {{of}}) came from bot user agents (limit {{max}}%)',
});
