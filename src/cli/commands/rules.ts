import { parseArgs } from 'node:util';
import { checkRuleSet, loadRuleSet } from '../../builtin.js';
import { formatRuleSetIssue, type RuleSetIssue } from '../../engine/errors.js';
import type { RuleSet } from '../../engine/load-ruleset.js';
import { escapeInvisible } from '../../engine/printable.js';
import { CliUsageError, type CliCommand, type CliIO } from '../io.js';

const usage = `Usage:
  partnerguard rules check <file|name…> [--json]   validate rule sets; exit 1 if any is invalid
  partnerguard rules show <name|path> [--json]     print the effective, merged rule set

Built-in rule sets: onboarding (sites), traffic (clicks and partners).`;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function issueLine(issue: RuleSetIssue): string {
  const { file, ...rest } = issue;
  return `${formatRuleSetIssue(rest)}${file === undefined ? '' : `  (${escapeInvisible(file)})`}`.replace(/[\r\n]+/gu, ' ');
}

function check(targets: string[], json: boolean, io: CliIO): number {
  if (targets.length === 0) throw new CliUsageError('rules check needs at least one file or rule-set name');
  let failed = 0;
  const results = targets.map((target) => {
    const result = checkRuleSet(target);
    if (!result.ok) failed += 1;
    return { target, result };
  });
  if (json) {
    for (const { target, result } of results) {
      const line = result.ok
        ? { file: target, ok: true, ruleSet: { id: result.ruleSet.id, version: result.ruleSet.version, hash: result.ruleSet.hash } }
        : { file: target, ok: false, issues: result.issues };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    }
  } else {
    for (const { target, result } of results) {
      if (result.ok) {
        const enabled = result.ruleSet.rules.filter((r) => r.enabled).length;
        io.stdout.write(escapeInvisible(`ok  ${target}  (${result.ruleSet.id} ${result.ruleSet.version}, ${enabled} rules enabled, hash ${result.ruleSet.hash.slice(0, 12)})\n`));
      } else {
        for (const issue of result.issues) io.stderr.write(`${issueLine({ ...issue, file: issue.file ?? target })}\n`);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

function describe(ruleSet: RuleSet): string {
  const lines = [`${ruleSet.id} ${ruleSet.version}  (${ruleSet.subject}; hash ${ruleSet.hash})`, `sources: ${ruleSet.sources.join(' <- ')}`, ''];
  for (const [subject, thresholds] of Object.entries(ruleSet.actions)) {
    lines.push(`${subject} actions: ${(thresholds ?? []).map((t) => `${t.action} ≥ ${t.minScore}`).join(', ')}`);
  }
  lines.push('');
  const width = Math.max(4, ...ruleSet.rules.map((r) => r.id.length));
  lines.push(`${'rule'.padEnd(width)}  state   score  options  (set by)`);
  for (const r of ruleSet.rules) {
    const state = !r.enabled ? 'off' : r.shadow ? 'shadow' : 'on';
    const force = r.forceAction === undefined ? '' : ` force=${r.forceAction}`;
    const setBy = `score: ${r.setBy.score}; options: ${r.setBy.options.join(', ')}${r.enabled ? '' : `; off: ${r.setBy.enabled}`}`;
    lines.push(`${r.id.padEnd(width)}  ${state.padEnd(6)}  ${String(r.score).padStart(5)}  ${JSON.stringify(r.options)}${force}  (${setBy})`);
  }
  return `${lines.join('\n')}\n`;
}

/** `partnerguard rules check|show`. */
export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: 'check rule-set files, or show the effective merged rule set',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args);
    const [sub, ...targets] = positionals;
    if (sub === 'check') return check(targets, values.json, io);
    if (sub === 'show') {
      if (targets.length !== 1) throw new CliUsageError('rules show needs exactly one rule-set name or path');
      const ruleSet = loadRuleSet(targets[0]!);
      io.stdout.write(values.json ? `${JSON.stringify(ruleSet, null, 2)}\n` : describe(ruleSet));
      return 0;
    }
    throw new CliUsageError(sub === undefined ? `missing sub-command\n${usage}` : `unknown sub-command "${sub}"; expected check or show`);
  },
};
