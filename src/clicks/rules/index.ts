import type { AnyRule } from '../../engine/define-rule.js';
import { anonymizerIp } from './anonymizer-ip.js';
import { botAgent } from './bot-agent.js';
import { botShare } from './bot-share.js';
import { clickFlooding } from './click-flooding.js';
import { clickInjection } from './click-injection.js';
import { conversionRateOutlier } from './conversion-rate-outlier.js';
import { datacenterIp } from './datacenter-ip.js';
import { datacenterShare } from './datacenter-share.js';
import { duplicateClick } from './duplicate-click.js';
import { floodIp } from './flood-ip.js';
import { noActivationShare } from './no-activation-share.js';
import { noUserActivation } from './no-user-activation.js';
import { referrerMismatch } from './referrer-mismatch.js';
import { refundRate } from './refund-rate.js';
import { sharedConverter } from './shared-converter.js';
import { spoofedCrawler } from './spoofed-crawler.js';
import { spoofedCrawlerShare } from './spoofed-crawler-share.js';
import { uaRotation } from './ua-rotation.js';

/** Every click and partner rule, one import per file, sorted by id (a test enforces the order). */
export const trafficRules: readonly AnyRule[] = Object.freeze([
  anonymizerIp,
  botAgent,
  datacenterIp,
  duplicateClick,
  floodIp,
  noUserActivation,
  referrerMismatch,
  spoofedCrawler,
  uaRotation,
  botShare,
  clickFlooding,
  clickInjection,
  conversionRateOutlier,
  datacenterShare,
  noActivationShare,
  refundRate,
  sharedConverter,
  spoofedCrawlerShare,
] as unknown as AnyRule[]);
