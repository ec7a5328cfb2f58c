import { trafficRules } from '../clicks/rules/index.js';
import { createRegistry } from './registry.js';
import { siteRules } from '../site/rules/index.js';

/** Every rule partnerguard ships, sorted by id. */
export const builtinRegistry = createRegistry([...siteRules, ...trafficRules]);
