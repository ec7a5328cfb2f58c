/**
 * Which objects are loaded rule sets: a module-private brand given when a set is bound to
 * its registry, never a check of the object's shape (a look-alike with a `hash` and `rules`
 * would otherwise skip validation).
 * @module
 */
import { createHash } from 'node:crypto';
import { RuleSetError } from './errors.js';
import { stableStringify } from './json.js';
import type { RuleSet, RuleSetData } from './load-ruleset.js';
import type { Registry } from './registry.js';

// Rule sets bound by bindRuleSet.
const loadedRuleSets = new WeakSet<object>();

/** @internal Whether `input` is a rule set `loadRuleSet` returned (rather than a document). */
export function isLoaded(input: unknown): input is RuleSet {
  return typeof input === 'object' && input !== null && loadedRuleSets.has(input);
}

// Descends into frozen objects too: the loader freezes each rule's options object, not what
// it holds. `seen` stops at shared or cyclic values.
function deepFreeze(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
}

/** sha256 of what scores depend on: equal hashes score identically. */
export function configurationHash(set: Pick<RuleSetData, 'id' | 'version' | 'subject' | 'rules' | 'actions'>): string {
  const effective = {
    id: set.id,
    version: set.version,
    subject: set.subject,
    rules: set.rules.filter((r) => r.enabled).map((r) => ({ id: r.id, score: r.score, options: r.options, shadow: r.shadow, forceAction: r.forceAction ?? null })),
    actions: set.actions,
  };
  return createHash('sha256').update(stableStringify(effective)).digest('hex');
}

/**
 * @internal Freezes a rule set's configuration with the registry it runs on. Used by the
 * loader, and by a worker thread for a rule set its parent loaded against the same registry.
 */
export function bindRuleSet(data: RuleSetData, registry: Registry): RuleSet {
  // A copy that no longer hashes to its own hash is not the set that was validated.
  if (configurationHash(data) !== data.hash) {
    throw new RuleSetError([{ path: 'hash', code: 'hash_mismatch', message: `rule set "${data.id}" does not match its hash: it was changed after it was loaded` }]);
  }
  // Options hold arrays and objects (policy pages, brand terms): frozen all the way down, so a
  // loaded set cannot be changed behind its hash.
  deepFreeze(data.rules);
  deepFreeze(data.actions);
  const ruleSet = { ...data } as RuleSet;
  Object.defineProperty(ruleSet, 'registry', { value: registry, enumerable: false });
  Object.freeze(ruleSet);
  loadedRuleSets.add(ruleSet);
  return ruleSet;
}
