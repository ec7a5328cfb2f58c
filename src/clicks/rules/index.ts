import type { AnyRule } from '../../engine/define-rule.js';
import { anonymizerIp } from './anonymizer-ip.js';
import { botAgent } from './bot-agent.js';
import { datacenterIp } from './datacenter-ip.js';
import { duplicateClick } from './duplicate-click.js';
import { floodIp } from './flood-ip.js';
import { noUserActivation } from './no-user-activation.js';
import { referrerMismatch } from './referrer-mismatch.js';
import { spoofedCrawler } from './spoofed-crawler.js';
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
] as unknown as AnyRule[]);
