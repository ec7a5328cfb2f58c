import { obfuscatedScript } from '../../../src/site/rules/obfuscated-script.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { script, siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `obfuscatedScript` (listed in its docs page). */
export const cases = ruleCases(obfuscatedScript, {
  valid: [
    { name: 'plain script', features: siteFeatures({ scripts: [script()] }) },
    { name: 'short blobs', features: siteFeatures({ scripts: [script({ obfuscation: { hexRun: 4, base64Run: 120 } })] }) },
  ],
  invalid: [
    { name: 'packer', features: siteFeatures({ scripts: [script({ obfuscation: { packer: true, eval: true } })] }), hits: [{ messageId: 'obfuscated', evidence: { strong: true, markers: ['p,a,c,k,e,d packer'] } }] },
    { name: 'eval of a hex blob', features: siteFeatures({ scripts: [script({ index: 3, obfuscation: { eval: true, hexRun: 40 } })] }), hits: [{ messageId: 'obfuscated', evidence: { scriptIndex: 3, markers: ['eval of hex run 40'] }, confidence: 1 }] },
    { name: 'a base64 blob alone is weak', features: siteFeatures({ scripts: [script({ obfuscation: { base64Run: 900 } })] }), hits: [{ messageId: 'obfuscated', evidence: { strong: false }, confidence: 0.4 }] },
  ],
});
