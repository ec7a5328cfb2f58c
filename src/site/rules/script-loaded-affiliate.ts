import { z } from 'zod';
import { defineRule, type Finding } from '../../engine/define-rule.js';
import type { SiteFeatures } from '../features.js';
import { provenByBrowser, renderedClickUrls } from '../rendered-clicks.js';

const options = z.object({
  inlineConfidence: z.number().min(0).max(1).default(0.7).describe('Confidence when an inline script builds a loader for an affiliate URL (static analysis cannot see whether it runs on load).'),
  maxHits: z.number().int().min(1).max(100).default(5).describe('Hits reported at most.'),
});

/** `site/script-loaded-affiliate`: a script loads an affiliate click URL (script src, or an inline script creating iframes/images/requests). */
export const scriptLoadedAffiliate = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/script-loaded-affiliate',
    subject: 'site',
    description: 'A <script src> is an affiliate click URL, or an inline script creates an iframe/image/request for one.',
    defaultScore: 70,
    options,
    messages: {
      scriptSrc: '<script src> is the {{network}} click URL {{url}}',
      inlineScript: 'inline script #{{index}} loads {{network}} click URL {{url}} via {{sinks}} ({{encoding}})',
    },
  },
  evaluate(features, o) {
    const found: Finding[] = [];
    const rendered = renderedClickUrls(features);
    for (const e of features.elements) {
      if (e.tag !== 'script' || e.affiliate?.kind !== 'click' || rendered.has(e.url)) continue;
      found.push({ messageId: 'scriptSrc', data: { network: e.affiliate.network, url: e.url }, evidence: { url: e.url, network: e.affiliate.network, snippet: e.snippet } });
    }
    for (const s of features.scripts) {
      const first = s.affiliateUrls.find((u) => !provenByBrowser(rendered, u.url));
      if (first === undefined) continue;
      const sinks: string[] = s.sinks.createElement.map((t) => `createElement(${t})`);
      if (s.sinks.request) sinks.push('request');
      if ((s.sinks.documentWrite || s.sinks.innerHtml) && s.sinks.markupTags.length > 0) sinks.push(`${s.sinks.documentWrite ? 'document.write' : 'innerHTML'}(<${s.sinks.markupTags.join('|')}>)`);
      if (sinks.length === 0) continue;
      found.push({
        messageId: 'inlineScript',
        confidence: o.inlineConfidence,
        data: { index: s.index, network: first.affiliate.network, url: first.url, sinks: sinks.join(', '), encoding: first.encoding },
        evidence: { scriptIndex: s.index, url: first.url, network: first.affiliate.network, encoding: first.encoding, urls: s.affiliateUrls.map((u) => u.url), sinks, timer: s.sinks.timer },
      });
    }
    return found.slice(0, o.maxHits);
  },
});
