// Regenerates files derived from rule meta: rules/ruleset.schema.json.
// A test fails when the committed copy is stale, so run `npm run generate` after changing rules.
import { writeFileSync } from 'node:fs';
import { renderRuleSetSchema, ruleSetSchemaPath } from '../src/engine/generated.js';

writeFileSync(ruleSetSchemaPath, renderRuleSetSchema());
process.stdout.write(`wrote ${ruleSetSchemaPath}\n`);
