import { fileURLToPath } from 'node:url';
import { builtinRegistry } from './builtin-registry.js';
import { ruleSetJsonSchema } from './ruleset-schema.js';

/** Where the generated JSON Schema for rule sets is committed. */
export const ruleSetSchemaPath = fileURLToPath(new URL('../../rules/ruleset.schema.json', import.meta.url));

/** The JSON Schema text for rule sets, exactly as committed. */
export function renderRuleSetSchema(): string {
  return `${JSON.stringify(ruleSetJsonSchema(builtinRegistry), null, 2)}\n`;
}
