import type { AnyRule } from '../../engine/define-rule.js';

/** Every click and partner rule, one import per file, sorted by id (a test enforces the order). */
export const trafficRules: readonly AnyRule[] = Object.freeze([]);
