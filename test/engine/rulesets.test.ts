import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, checkRuleSet, loadRuleSet } from '../../src/builtin.js';
import { absolute, generatedFiles } from '../../scripts/generated.js';

const rulesDir = fileURLToPath(new URL('../../rules/', import.meta.url));
const shipped = readdirSync(rulesDir).filter((f) => f.endsWith('.json') && f !== 'ruleset.schema.json');

describe('shipped rule sets', () => {
  it.each(shipped)('%s is valid', (name) => {
    const result = checkRuleSet(`${rulesDir}${name}`);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('resolves built-in names', () => {
    expect(loadRuleSet('onboarding').subject).toBe('site');
    expect(loadRuleSet('traffic').subject).toBe('traffic');
    expect(loadRuleSet('onboarding')).toBe(loadRuleSet('onboarding'));
  });

  it('commits generated files (JSON Schema, rule docs) that are not stale — run `npm run generate` after changing rules', () => {
    for (const file of generatedFiles()) {
      let committed = '';
      try {
        committed = readFileSync(absolute(file.path), 'utf8');
      } catch {
        committed = '(missing)';
      }
      expect(committed, `${file.path} is stale or missing`).toBe(file.content);
    }
  });

  it('has one test file per rule, named by its id (test/site/rules/<name>.test.ts, test/clicks/rules/<name>.test.ts)', () => {
    const missing = builtinRegistry.rules
      .map((rule) => {
        const [subject, name] = rule.meta.id.split('/') as [string, string];
        return `test/${subject === 'site' ? 'site' : 'clicks'}/rules/${name}.test.ts`;
      })
      .filter((path) => !existsSync(fileURLToPath(new URL(`../../${path}`, import.meta.url))));
    expect(missing).toEqual([]);
  });

  it('has one docs page per rule', () => {
    const pages = generatedFiles().map((f) => f.path);
    for (const rule of builtinRegistry.rules) expect(pages).toContain(`docs/rules/${rule.meta.id}.md`);
  });
});
