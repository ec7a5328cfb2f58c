import { noHttps } from '../../../src/site/rules/no-https.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { siteFeatures } from '../site-features.js';

const domain = siteFeatures().domain;

ruleTester(noHttps, {
  valid: [{ name: 'https', features: siteFeatures() }],
  invalid: [{ name: 'plain http', features: siteFeatures({ finalUrl: 'http://reviews.test/', domain: { ...domain, protocol: 'http:' } }), hits: [{ messageId: 'http', evidence: { finalUrl: 'http://reviews.test/' } }] }],
});
