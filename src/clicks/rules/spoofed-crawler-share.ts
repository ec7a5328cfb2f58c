import { defineShareRule } from './share-rule.js';

/** `partner/spoofed-crawler-share`: clicks that claim to be crawlers from addresses those crawlers do not use. */
export const spoofedCrawlerShare = defineShareRule({
  id: 'partner/spoofed-crawler-share',
  source: 'click/spoofed-crawler',
  description: "Clicks claiming to be search or AI crawlers came from outside those crawlers' ranges.",
  defaultScore: 60,
  maxShare: 0.02,
  minClicks: 50,
  message: '{{share}}% of clicks ({{count}} of {{of}}) were fake crawlers (limit {{max}}%)',
});
