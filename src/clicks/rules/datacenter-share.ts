import { defineShareRule } from './share-rule.js';

/** `partner/datacenter-share`: A significant share of the partner's clicks came from hosting/datacenter addresses. */
export const datacenterShare = defineShareRule({
  id: 'partner/datacenter-share',
  source: 'click/datacenter-ip',
  description: "A significant share of the partner's clicks came from hosting/datacenter addresses.",
  defaultScore: 40,
  maxShare: 0.1,
  minClicks: 50,
  message: '{{share}}% of clicks ({{count}} of {{of}}) came from datacenter addresses (limit {{max}}%)',
});
