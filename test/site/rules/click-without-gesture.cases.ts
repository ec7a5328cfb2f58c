import { clickWithoutGesture } from '../../../src/site/rules/click-without-gesture.js';
import { ruleCases } from '../../helpers/rule-cases.js';
import { cjImpression, renderedRequest, renderFeatures, siteFeatures } from '../site-features.js';

const merchantClick = { network: 'merchant', kind: 'click', host: 'shop.test' } as const;

/** The firing and quiet cases of `clickWithoutGesture` (listed in its docs page). */
export const cases = ruleCases(clickWithoutGesture, {
  valid: [
    { name: 'not rendered', features: siteFeatures() },
    { name: 'rendered, only the page and its own image', features: siteFeatures({ render: renderFeatures([renderedRequest({ url: 'https://reviews.test/', affiliate: null, element: null, status: 200 }), renderedRequest({ url: 'https://reviews.test/a.png', type: 'image', navigation: false, affiliate: null })]) }) },
    { name: "the browser's own favicon request to a click host it was sent to", features: siteFeatures({ render: renderFeatures([renderedRequest({ url: 'https://www.anrdoezrs.net/favicon.ico', type: 'other', navigation: false, initiator: { type: 'other', url: null }, element: null, status: 404 })]) }) },
    { name: "a network's impression pixel", features: siteFeatures({ render: renderFeatures([renderedRequest({ url: 'https://www.lduhtrp.net/image-1-2', type: 'image', navigation: false, affiliate: cjImpression, status: 200 })]) }) },
    { name: 'a merchant product image with a query is no click', features: siteFeatures({ render: renderFeatures([renderedRequest({ url: 'https://shop.test/tent.jpg?w=300', type: 'image', navigation: false, affiliate: merchantClick, status: 200 })]) }) },
  ],
  invalid: [
    {
      name: 'a hidden frame navigates to a click URL that sets a cookie',
      features: siteFeatures({ render: renderFeatures([renderedRequest({ cookies: [{ name: 'LCLK', domain: '.anrdoezrs.net', setBy: 'www.anrdoezrs.net' }] })]) }),
      hits: [{ messageId: 'cookie', evidence: { url: 'https://www.anrdoezrs.net/click-1-2', network: 'cj', type: 'document', cookies: ['LCLK@.anrdoezrs.net'], element: { tag: 'iframe', visible: false }, source: 'browser' } }],
    },
    {
      name: 'a same-site image redirects to a click URL: one hit for the chain',
      features: siteFeatures({
        render: renderFeatures([
          renderedRequest({ url: 'https://reviews.test/px.gif', type: 'image', navigation: false, affiliate: null }),
          renderedRequest({ url: 'https://www.anrdoezrs.net/click-1-2', type: 'image', navigation: false, redirectedFrom: ['https://reviews.test/px.gif'], initiator: { type: 'redirect', url: 'https://reviews.test/' } }),
        ]),
      }),
      hits: [{ messageId: 'load', evidence: { url: 'https://www.anrdoezrs.net/click-1-2', chain: ['302 https://reviews.test/px.gif', '302 https://www.anrdoezrs.net/click-1-2'] } }],
    },
    {
      name: 'a merchant page with an affiliate query opened in a frame',
      features: siteFeatures({ render: renderFeatures([renderedRequest({ url: 'https://shop.test/?ref=42', affiliate: merchantClick, status: 200 })]) }),
      hits: [{ messageId: 'load', evidence: { network: 'merchant', navigation: true } }],
    },
    {
      name: "a script in the network's frame writes a cookie",
      features: siteFeatures({ render: renderFeatures([renderedRequest({ status: 200 })], { scriptCookies: [{ name: 'aff', frameUrl: 'https://www.anrdoezrs.net/click-1-2', affiliate: { network: 'cj', kind: 'click', host: 'anrdoezrs.net' } }, { name: 'theme', frameUrl: 'https://reviews.test/', affiliate: null }] }) }),
      hits: [{ messageId: 'load', evidence: { scriptCookies: ['aff'], initiatorChain: ['https://reviews.test/'] } }],
    },
    {
      name: 'window.open of a click URL',
      features: siteFeatures({ render: renderFeatures([renderedRequest({ type: 'window-open', status: null, element: null, initiator: { type: 'script', url: 'https://reviews.test/' } })]) }),
      hits: [{ messageId: 'load', evidence: { type: 'window-open', initiator: 'script https://reviews.test/' } }],
    },
  ],
});
