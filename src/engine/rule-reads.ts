/**
 * The loader's check of what rules declare they read (`meta.reads.rules`).
 *
 * @module
 */
import type { RuleSetIssue } from './errors.js';
import type { RuleConfig } from './load-ruleset.js';
import type { Registry } from './registry.js';
import { formatPath } from './ruleset-issues.js';

/**
 * Rules that read the hits of a rule the set switches off or shadows (its hits then never
 * count), or of one the registry lacks: the reader would go blind without a word.
 */
export function unmetReads(rules: readonly RuleConfig[], registry: Registry, topName: string): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  const fileOf = (setBy: string): string => (setBy === 'default' ? topName : setBy);
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const reader of rules) {
    if (!reader.enabled) continue;
    for (const needed of registry.get(reader.id)?.meta.reads?.rules ?? []) {
      const config = byId.get(needed);
      const fix = `keep "${needed}" on (a score of 0 keeps it out of scores), or switch "${reader.id}" off too`;
      if (config === undefined) {
        issues.push({ path: formatPath(['rules', reader.id]), code: 'needs_rule', message: `"${reader.id}" reads the hits of "${needed}", which this rule set cannot run`, received: needed, file: fileOf(reader.setBy.enabled) });
      } else if (!config.enabled) {
        issues.push({ path: formatPath(['rules', needed]), code: 'needs_rule', message: `"${needed}" is off, but "${reader.id}" reads its hits: ${fix}`, received: 'off', file: fileOf(config.setBy.enabled) });
      } else if (config.shadow) {
        issues.push({ path: formatPath(['rules', needed, 'shadow']), code: 'needs_rule', message: `"${needed}" is in shadow, so its hits never count, but "${reader.id}" reads them: ${fix}`, received: true, file: fileOf(config.setBy.shadow) });
      }
    }
  }
  return issues;
}
