import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRuleSet, loadRuleSet } from '../../src/engine/load-ruleset.js';
import { renderRuleSetSchema, ruleSetSchemaPath } from '../../src/engine/generated.js';

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

  it('commits a JSON Schema that is not stale (run `npm run generate` after changing rules)', () => {
    expect(readFileSync(ruleSetSchemaPath, 'utf8')).toBe(renderRuleSetSchema());
  });
});
