import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ClickFeatures } from '../features.js';

const options = z.object({});

/** `click/datacenter-ip`: people browse from homes and phones, not from hosting providers. */
export const datacenterIp = defineRule<ClickFeatures, typeof options>({
  meta: {
    id: 'click/datacenter-ip',
    subject: 'click',
    description: 'The click came from a hosting or datacenter address rather than a consumer network.',
    defaultScore: 50,
    options,
    messages: { hosting: 'address {{ip}} belongs to a hosting provider ({{provider}})' },
  },
  evaluate(f) {
    if (f.ip.network !== 'hosting') return null;
    const provider = f.ip.provider ?? 'unnamed';
    return { data: { ip: f.address, provider }, evidence: { ip: f.address, network: f.ip.network, provider } };
  },
});
