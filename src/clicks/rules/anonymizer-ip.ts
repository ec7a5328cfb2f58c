import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({
  networks: z
    .object({
      tor: z.number().min(0).max(1).default(1),
      vpn: z.number().min(0).max(1).default(0.7),
      relay: z.number().min(0).max(1).default(0),
    })
    .strict()
    .default({ tor: 1, vpn: 0.7, relay: 0 })
    .describe('Confidence per anonymizing network; iCloud Private Relay is ordinary Safari traffic, so 0 by default.'),
});

/** `click/anonymizer-ip`: Tor exits and commercial VPNs hide the real client, the usual cover for farms that must look like many people. */
export const anonymizerIp = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/anonymizer-ip',
    subject: 'click',
    description: 'The click came through Tor or a commercial VPN.',
    defaultScore: 30,
    options,
    messages: { anonymizer: 'address {{ip}} is a {{network}} exit ({{provider}})' },
  },
  evaluate(f, o) {
    const network = f.ip.network;
    if (network !== 'tor' && network !== 'vpn' && network !== 'relay') return null;
    const confidence = o.networks[network];
    if (confidence <= 0) return null;
    const provider = f.ip.provider ?? 'unnamed';
    return { data: { ip: f.address, network, provider }, evidence: { ip: f.address, network, provider }, confidence };
  },
});
