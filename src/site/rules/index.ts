import type { AnyRule } from '../../engine/define-rule.js';

/** Every site rule, one import per file, sorted by id (a test enforces the order). */
export const siteRules: readonly AnyRule[] = Object.freeze([]);
