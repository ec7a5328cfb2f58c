/**
 * partnerguard — fraud and partner-quality screening for affiliate, influencer and
 * referral programs. Every score is the sum of rule hits, each with its evidence.
 *
 * @example
 * ```ts
 * import { loadRuleSet } from 'partnerguard';
 * const ruleSet = loadRuleSet('onboarding');
 * console.log(ruleSet.id, ruleSet.version, ruleSet.hash);
 * ```
 *
 * @module
 */

// --- errors ---
export { FetchRefusedError, InputError, PartnerguardError, RuleSetError } from './engine/errors.js';
export type { FetchRefusalReason, PartnerguardErrorCode, PartnerguardErrorOptions, RuleSetIssue } from './engine/errors.js';
