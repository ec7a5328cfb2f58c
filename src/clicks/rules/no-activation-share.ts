import { defineShareRule } from './share-rule.js';

/** `partner/no-activation-share`: clicks without user activation, the click-side trace of cookie stuffing. */
export const noActivationShare = defineShareRule({
  id: 'partner/no-activation-share',
  source: 'click/no-user-activation',
  of: 'activationLogged',
  description: 'A significant share of clicks with logged sec-fetch headers had no user activation: the click-side trace of cookie stuffing.',
  defaultScore: 60,
  maxShare: 0.2,
  minClicks: 30,
  minClicksDescription: 'Fewer clicks with logged sec-fetch headers than this are never judged (hosts that do not log them are never judged).',
  message: '{{share}}% of clicks with sec-fetch headers ({{count}} of {{of}}) had no user activation (limit {{max}}%)',
});
