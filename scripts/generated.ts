// Files derived from rule meta, each marked "generated — do not edit". `npm run generate`
// writes them; test/engine/generated.test.ts fails when a committed copy is stale.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { builtinRegistry, loadRuleSet } from '../src/builtin.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { builtinRuleSetNames } from '../src/engine/load-ruleset.js';
import { ruleSetJsonSchema } from '../src/engine/ruleset-schema.js';

const root = new URL('../', import.meta.url);
const GENERATED = '<!-- generated from rule meta by `npm run generate` — do not edit -->';

/** One generated file: its path and exact content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
}

interface OptionDoc {
  name: string;
  type: string;
  defaultValue: string;
  description: string;
}

function optionDocs(rule: AnyRule): OptionDoc[] {
  const schema = z.toJSONSchema(rule.meta.options, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, { type?: string | string[]; default?: unknown; description?: string; items?: { type?: string } }>;
  };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: Array.isArray(p.type) ? p.type.join(' | ') : p.type === 'array' ? `${p.items?.type ?? 'unknown'}[]` : (p.type ?? 'unknown'),
    defaultValue: p.default === undefined ? '—' : JSON.stringify(p.default),
    description: p.description ?? '',
  }));
}

function renderRuleDoc(rule: AnyRule): string {
  const { meta } = rule;
  const lines = [`# \`${meta.id}\``, '', GENERATED, '', meta.description, '', `- Subject: \`${meta.subject}\``, `- Default score: ${meta.defaultScore}`];
  for (const name of builtinRuleSetNames()) {
    const config = loadRuleSet(name).rules.find((r) => r.id === meta.id);
    if (config === undefined) continue;
    const state = !config.enabled ? 'off' : `score ${config.score}${config.shadow ? ', shadow' : ''}${config.forceAction === undefined ? '' : `, forces \`${config.forceAction}\``}`;
    lines.push(`- In the \`${name}\` rule set: ${state}`);
  }
  const options = optionDocs(rule);
  lines.push('', '## Options', '');
  if (options.length === 0) lines.push('None.');
  else {
    lines.push('| option | type | default | description |', '| --- | --- | --- | --- |');
    for (const o of options) lines.push(`| \`${o.name}\` | ${cell(o.type)} | \`${cell(o.defaultValue)}\` | ${cell(o.description)} |`);
  }
  lines.push('', '## Messages', '', '| id | message |', '| --- | --- |');
  for (const [id, template] of Object.entries(meta.messages)) lines.push(`| \`${id}\` | ${cell(template)} |`);
  const [subject, name] = meta.id.split('/') as [string, string];
  const testDir = subject === 'site' ? 'site' : 'clicks';
  lines.push('', '## Examples', '', `Firing and quiet cases: [\`test/${testDir}/rules/${name}.test.ts\`](../../../test/${testDir}/rules/${name}.test.ts).`, '');
  return lines.join('\n');
}

function renderIndex(): string {
  const lines = ['# Rules', '', GENERATED, '', '| rule | subject | default score | description |', '| --- | --- | --- | --- |'];
  for (const rule of builtinRegistry.rules) {
    lines.push(`| [\`${rule.meta.id}\`](${ruleDocPath(rule.meta.id).replace('docs/', '')}) | ${rule.meta.subject} | ${rule.meta.defaultScore} | ${cell(rule.meta.description)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** Every generated file, in a fixed order. */
export function generatedFiles(): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: 'rules/ruleset.schema.json', content: `${JSON.stringify(ruleSetJsonSchema(builtinRegistry), null, 2)}\n` },
    { path: 'docs/rules.md', content: renderIndex() },
  ];
  for (const rule of builtinRegistry.rules) files.push({ path: ruleDocPath(rule.meta.id), content: renderRuleDoc(rule) });
  return files;
}

/** Absolute path of a generated file. */
export function absolute(path: string): string {
  return fileURLToPath(new URL(path, root));
}
