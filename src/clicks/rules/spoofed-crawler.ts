import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({});

/** `click/spoofed-crawler`: a search or AI crawler user agent from an address its operator does not crawl from is a disguise. */
export const spoofedCrawler = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/spoofed-crawler',
    subject: 'click',
    description: 'The user agent claims a crawler whose operator says where it crawls from (published ranges, or only its own networks), and the address is elsewhere.',
    defaultScore: 90,
    options,
    messages: { spoofed: 'claims to be {{claimed}} but {{ip}} is not where {{claimed}} crawls from (network: {{network}})' },
  },
  evaluate(f) {
    const s = f.spoofedCrawler;
    if (s === null) return null;
    return {
      data: { claimed: s.claimed, ip: f.address, network: s.network },
      evidence: { claimed: s.claimed, ip: f.address, network: s.network, provider: s.provider ?? null, userAgent: f.userAgent },
    };
  },
});
