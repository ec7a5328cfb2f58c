import { z } from 'zod';
import { defineRule } from '../../engine/define-rule.js';
import type { ObfuscationMarkers } from '../features.js';
import type { SiteFeatures } from '../features.js';

const options = z.object({
  minHexRun: z.number().int().min(1).default(20).describe('Consecutive \\xNN escapes that count as a hex blob.'),
  minBase64Run: z.number().int().min(1).default(400).describe('Base64 characters in one string that count as a blob.'),
  minCharCodeRun: z.number().int().min(1).default(20).describe('Arguments to one String.fromCharCode that count as a run.'),
  minHexIdentifiers: z.number().int().min(1).default(20).describe('Obfuscator identifiers (_0x1a2b) that count as obfuscated.'),
  weakConfidence: z.number().min(0).max(1).default(0.4).describe('Confidence of a single weak marker (a blob without eval).'),
});

function markers(m: ObfuscationMarkers, o: z.output<typeof options>): { strong: string[]; weak: string[] } {
  const blobs: string[] = [];
  if (m.hexRun >= o.minHexRun) blobs.push(`hex run ${m.hexRun}`);
  if (m.base64Run >= o.minBase64Run) blobs.push(`base64 run ${m.base64Run}`);
  if (m.charCodeRun >= o.minCharCodeRun) blobs.push(`fromCharCode run ${m.charCodeRun}`);
  const strong: string[] = [];
  if (m.packer) strong.push('p,a,c,k,e,d packer');
  if (m.hexIdentifiers >= o.minHexIdentifiers) strong.push(`${m.hexIdentifiers} _0x identifiers`);
  if (m.eval && blobs.length > 0) strong.push(`eval of ${blobs.join(', ')}`);
  return { strong, weak: strong.length > 0 ? [] : m.eval ? ['eval'] : blobs };
}

/** `site/obfuscated-script`: an inline script is packed or obfuscated (hides what it loads). */
export const obfuscatedScript = defineRule<SiteFeatures, typeof options>({
  meta: {
    id: 'site/obfuscated-script',
    subject: 'site',
    description: 'An inline script is packed or obfuscated (eval of encoded blobs, packers, _0x identifiers), which stuffers use to hide their loaders.',
    defaultScore: 30,
    options,
    messages: { obfuscated: 'inline script #{{index}} is obfuscated: {{markers}}' },
  },
  evaluate(features, o) {
    let best: { index: number; strong: string[]; weak: string[] } | undefined;
    for (const s of features.scripts) {
      const m = markers(s.obfuscation, o);
      if (m.strong.length === 0 && m.weak.length === 0) continue;
      if (best === undefined || (best.strong.length === 0 && m.strong.length > 0)) best = { index: s.index, ...m };
    }
    if (best === undefined) return null;
    const list = best.strong.length > 0 ? best.strong : best.weak;
    return { confidence: best.strong.length > 0 ? 1 : o.weakConfidence, data: { index: best.index, markers: list.join('; ') }, evidence: { scriptIndex: best.index, markers: list, strong: best.strong.length > 0 } };
  },
});
