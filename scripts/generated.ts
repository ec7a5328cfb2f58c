// Files derived from rule meta, each marked "generated — do not edit". `npm run generate`
// writes them; test/engine/generated.test.ts fails when a committed copy is stale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { builtinRegistry, loadRuleSet } from '../src/builtin.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { builtinRuleSetNames } from '../src/engine/load-ruleset.js';
import { ruleSetJsonSchema } from '../src/engine/ruleset-schema.js';
import type { RuleCases } from '../test/helpers/rule-cases.js';

const root = new URL('../', import.meta.url);
const GENERATED = '<!-- generated from rule meta by `npm run generate` — do not edit -->';

/** One generated file: its path and exact content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Where a rule's module and its tester cases live, by id. */
function homeOf(id: string): { source: string; cases: string } {
  const [subject, name] = id.split('/') as [string, string];
  const pack = subject === 'site' ? 'site' : 'clicks';
  return { source: `src/${pack}/rules/${name}.ts`, cases: `test/${pack}/rules/${name}.cases.ts` };
}

// The tester's cases of every rule, read as the tests read them.
const casesById = new Map<string, RuleCases<unknown>>(
  await Promise.all(
    builtinRegistry.rules.map(async (rule) => {
      const module = (await import(new URL(homeOf(rule.meta.id).cases, root).href)) as { cases: RuleCases<unknown> };
      return [rule.meta.id, module.cases] as const;
    }),
  ),
);

/** The TSDoc of the rule's export, which says why the rule exists, without its id prefix. */
function rationale(id: string): string {
  const text = readFileSync(new URL(homeOf(id).source, root), 'utf8');
  const at = text.search(/^export const \w+ = define(?:Share)?Rule/mu);
  const doc = at === -1 ? undefined : /\/\*\*([\s\S]*?)\*\/\s*$/u.exec(text.slice(0, at));
  if (doc === undefined || doc === null) return '';
  const body = doc[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/u, '').trim()).join(' ').trim();
  const prefix = `\`${id}\`:`;
  const why = body.startsWith(prefix) ? body.slice(prefix.length).trim() : body;
  return why.charAt(0).toUpperCase() + why.slice(1);
}

function caseList(cases: ReadonlyArray<{ name?: string }>): string[] {
  return cases.map((c, i) => `- ${c.name ?? `case ${i + 1} (unnamed)`}`);
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
  const reads = meta.reads;
  if (reads !== undefined) {
    lines.push('', '## Reads', '');
    for (const id of reads.rules ?? []) lines.push(`- the hits of [\`${id}\`](../${id}.md): a rule set that switches it off or into shadow while this rule is on is refused`);
    if (reads.window !== undefined) lines.push(`- the \`${reads.window.name}\` click window, whose length is its option \`${reads.window.lengthOption}\``);
  }
  const why = rationale(meta.id);
  if (why !== '') lines.splice(lines.indexOf(meta.description) + 1, 0, '', `Why: ${why}`);
  const cases = casesById.get(meta.id);
  const file = homeOf(meta.id).cases;
  lines.push('', '## Examples', '', `From the rule's tester cases ([\`${file}\`](../../../${file})), run through \`evaluate\` by \`npm test\`.`);
  if (cases !== undefined) lines.push('', 'Fires on:', '', ...caseList(cases.invalid), '', 'Stays quiet on:', '', ...caseList(cases.valid));
  lines.push('');
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
