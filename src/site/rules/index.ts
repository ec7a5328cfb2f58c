import type { AnyRule } from '../../engine/define-rule.js';
import { affiliateJsRedirect } from './affiliate-js-redirect.js';
import { affiliateMetaRefresh } from './affiliate-meta-refresh.js';
import { affiliatePopup } from './affiliate-popup.js';
import { brandTyposquat } from './brand-typosquat.js';
import { clickWithoutGesture } from './click-without-gesture.js';
import { cloaking } from './cloaking.js';
import { cookieWithoutClick } from './cookie-without-click.js';
import { deadlineExceeded } from './deadline-exceeded.js';
import { excessiveAffiliateLinks } from './excessive-affiliate-links.js';
import { fetchRefused } from './fetch-refused.js';
import { hiddenAffiliateIframe } from './hidden-affiliate-iframe.js';
import { hiddenAffiliateImage } from './hidden-affiliate-image.js';
import { missingPolicyPages } from './missing-policy-pages.js';
import { noHttps } from './no-https.js';
import { obfuscatedScript } from './obfuscated-script.js';
import { parkedDomain } from './parked-domain.js';
import { placeholderContent } from './placeholder-content.js';
import { prohibitedContent } from './prohibited-content.js';
import { redirectChainNetwork } from './redirect-chain-network.js';
import { scriptLoadedAffiliate } from './script-loaded-affiliate.js';
import { thinContent } from './thin-content.js';

/** Every site rule, one import per file, sorted by id (a test enforces the order). */
export const siteRules: readonly AnyRule[] = Object.freeze([
  affiliateJsRedirect,
  affiliateMetaRefresh,
  affiliatePopup,
  brandTyposquat,
  clickWithoutGesture,
  cloaking,
  cookieWithoutClick,
  deadlineExceeded,
  excessiveAffiliateLinks,
  fetchRefused,
  hiddenAffiliateIframe,
  hiddenAffiliateImage,
  missingPolicyPages,
  noHttps,
  obfuscatedScript,
  parkedDomain,
  placeholderContent,
  prohibitedContent,
  redirectChainNetwork,
  scriptLoadedAffiliate,
  thinContent,
]);
