import type { z } from 'zod';
import type { RuleSetIssue } from './errors.js';

type PathKey = PropertyKey;

/** Formats a path as it would be written in code: `rules["click/flood-ip"].options.windowSeconds`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/u.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A short, safe rendering of a received value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

function smallValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 197)}...` : value;
  return undefined;
}

/** Levenshtein distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const temp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = temp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate to `name`, if it is close enough to be a plausible typo. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small': {
      const op = issue.inclusive === false ? '>' : '≥';
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return `expected at least ${String(issue.minimum)} character(s)`;
      return `expected ${issue.origin} ${op} ${String(issue.minimum)}`;
    }
    case 'too_big': {
      const op = issue.inclusive === false ? '<' : '≤';
      if (issue.origin === 'array') return `expected at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === 'string') return `expected at most ${String(issue.maximum)} character(s)`;
      return `expected ${issue.origin} ${op} ${String(issue.maximum)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.message.replace(/^Invalid input: /u, '');
    default:
      return issue.message;
  }
}

/**
 * Turns zod issues into path-first {@link RuleSetIssue}s: unknown keys become one issue per
 * key (with a suggestion for rule ids), union failures are resolved to the branch the input
 * was aiming at, and every message says what was expected and what was received.
 */
export function toRuleSetIssues(issues: readonly z.core.$ZodIssue[], ruleIds: readonly string[], base: readonly PathKey[] = []): RuleSetIssue[] {
  const out: RuleSetIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const inRules = path.length === 1 && path[0] === 'rules';
      for (const key of issue.keys) {
        if (inRules) {
          const hint = didYouMean(key, ruleIds);
          out.push({
            path: formatPath([...path, key]),
            code: 'unknown_rule',
            message: `unknown rule "${key}"${hint === undefined ? '' : ` — did you mean "${hint}"?`}`,
            received: key,
          });
        } else {
          out.push({ path: formatPath([...path, key]), code: 'unknown_field', message: `unknown field "${key}"`, received: key });
        }
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      const input = (issue as { input?: unknown }).input;
      // Rule entries are `"off" | {...}`: an object was meant as the object form, anything else as "off".
      const branch = issue.errors.find((errors) => !errors.some((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_value')));
      if (typeof input === 'object' && input !== null && branch !== undefined) {
        out.push(...toRuleSetIssues(branch, ruleIds, path));
      } else {
        out.push({ path: formatPath(path), code: 'invalid_type', message: `expected "off" or an object, received ${describeValue(input)}`, received: smallValue(input) });
      }
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    const kind = issue.code === 'custom' ? String((issue.params as { kind?: string } | undefined)?.kind ?? 'custom') : issue.code;
    const message = issue.code === 'custom' ? issue.message : `${expectation(issue)}, received ${describeValue(input)}`;
    out.push({ path: formatPath(path), code: kind, message, received: smallValue(input) });
  }
  return out;
}
