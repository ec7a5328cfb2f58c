import { scriptLoadedAffiliate } from '../../../src/site/rules/script-loaded-affiliate.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { element, script, siteFeatures } from '../site-features.js';

/** The firing and quiet cases of `scriptLoadedAffiliate` (listed in its docs page). */
export const cases = ruleCases(scriptLoadedAffiliate, {
  valid: [
    { name: 'affiliate URL in a script with no loader', features: siteFeatures({ scripts: [script()] }) },
    { name: 'innerHTML of anchors only', features: siteFeatures({ scripts: [script({ sinks: { innerHtml: true, markupTags: [] } })] }) },
    { name: 'createElement without affiliate URL', features: siteFeatures({ scripts: [script({ affiliateUrls: [], sinks: { createElement: ['iframe'] } })] }) },
  ],
  invalid: [
    { name: 'script src is a click URL', features: siteFeatures({ elements: [element({ tag: 'script', hidden: false, hiddenReasons: [] })] }), hits: [{ messageId: 'scriptSrc', evidence: { network: 'cj' } }] },
    { name: 'createElement(iframe)', features: siteFeatures({ scripts: [script({ sinks: { createElement: ['iframe'], timer: true } })] }), hits: [{ messageId: 'inlineScript', evidence: { sinks: ['createElement(iframe)'], timer: true }, confidence: 0.7 }] },
    { name: 'document.write of an iframe', features: siteFeatures({ scripts: [script({ sinks: { documentWrite: true, markupTags: ['iframe'] } })] }), hits: [{ messageId: 'inlineScript', evidence: { sinks: ['document.write(<iframe>)'] } }] },
  ],
});
