import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULESET_SUBJECTS, type RuleSetSubject, type Subject } from './actions.js';
import { RuleSetError, type RuleSetIssue } from './errors.js';
import { isPlainObject, jsonDepth } from './json.js';
import type { Registry } from './registry.js';
import { buildRuleSetSchema, type RuleEntry, type RuleSetDocument, type Threshold } from './ruleset-schema.js';
import { formatPath, toRuleSetIssues } from './ruleset-issues.js';
import { jsonErrorPlace, readCapped } from './ruleset-file.js';
import { bindRuleSet, configurationHash, isLoaded } from './ruleset-brand.js';

export { bindRuleSet, isLoaded };
import { unmetReads } from './rule-reads.js';

/** Largest rule-set file read; real ones are a few KB, and this bounds hostile input. */
export const MAX_RULESET_BYTES = 1024 * 1024;
/** Deepest nesting accepted in a rule-set file (real ones nest 5 levels). */
export const MAX_RULESET_DEPTH = 32;
const MAX_EXTENDS = 10;

/** The effective configuration of one rule in a loaded rule set. */
export interface RuleConfig {
  /** The rule id. */
  readonly id: string;
  /** The subject the rule scores. */
  readonly subject: Subject;
  /** False when a rule set in the chain switched it `"off"`. */
  readonly enabled: boolean;
  /** Points at confidence 1. */
  readonly score: number;
  /** Options after merging the chain and applying the rule's defaults. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Evaluated and reported but never counted. */
  readonly shadow: boolean;
  /** Action forced when the rule hits, if any. */
  readonly forceAction: string | undefined;
  /** Which source set each part (`"default"` when nothing overrode it). */
  readonly setBy: { readonly enabled: string; readonly score: string; readonly options: readonly string[]; readonly shadow: string; readonly forceAction: string };
}

/** A loaded, merged, validated rule set. Immutable. */
export interface RuleSet {
  /** Rule-set id. */
  readonly id: string;
  /** Rule-set version. */
  readonly version: string;
  /** `site` or `traffic`. */
  readonly subject: RuleSetSubject;
  /** Free text from the document. */
  readonly description: string | undefined;
  /** sha256 of the effective configuration: equal hashes score identically. */
  readonly hash: string;
  /** The sources merged, base first (file paths, `builtin:<name>` or `(object)`). */
  readonly sources: readonly string[];
  /** Every rule of the covered subjects, sorted by id, enabled or not. */
  readonly rules: readonly RuleConfig[];
  /** Thresholds per covered subject, highest first. */
  readonly actions: Readonly<Partial<Record<Subject, readonly Threshold[]>>>;
  /**
   * The rules this set was validated against, which `evaluate` runs. Not enumerable: JSON
   * and structured clones of a rule set carry its configuration only.
   */
  readonly registry: Registry;
}

/** What `loadRuleSet` accepts: a built-in name (`onboarding`, `traffic`), a file path, or a rule-set object. */
export type RuleSetInput = string | Record<string, unknown> | RuleSet;

/** The result form of {@link loadRuleSet}. */
export type RuleSetCheck = { readonly ok: true; readonly ruleSet: RuleSet } | { readonly ok: false; readonly issues: readonly RuleSetIssue[] };

/** Options for loading rule sets. */
export interface LoadRuleSetOptions {
  /** The rules the set may configure; defaults to the built-in rules. Bound into the loaded set. */
  readonly registry?: Registry;
  /** Directory that relative paths are resolved against (default `process.cwd()`). */
  readonly cwd?: string;
}

/** @internal What the engine's loader needs: the registry is always named (the composition root, `builtin.ts`, supplies the built-in one). */
export type EngineLoadOptions = LoadRuleSetOptions & { readonly registry: Registry };

const builtinDir = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Names of the rule sets shipped in `rules/`. */
export function builtinRuleSetNames(): string[] {
  return ['onboarding', 'traffic'].filter((n) => existsSync(resolve(builtinDir, `${n}.json`)));
}

interface Source {
  readonly name: string;
  readonly file: string | undefined;
  readonly document: RuleSetDocument;
  /** The rule entries as written: parsed entries carry option defaults, which must not override a base file. */
  readonly rawRules: Readonly<Record<string, unknown>>;
}

class Failure extends Error {
  constructor(readonly issues: RuleSetIssue[]) {
    super('rule set failure');
  }
}

function readDocument(location: string, cwd: string): { name: string; file: string; raw: unknown } {
  const isName = /^[a-z0-9][a-z0-9-]*$/u.test(location);
  const builtin = resolve(builtinDir, `${location}.json`);
  const file = isName && existsSync(builtin) ? builtin : isAbsolute(location) ? location : resolve(cwd, location);
  const name = isName && file === builtin ? `builtin:${location}` : file;
  const fail = (code: string, message: string): never => {
    throw new Failure([{ path: '', code, message, file: name }]);
  };
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail('not_a_file', `"${location}" is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof Failure) throw error;
    const hint = isName ? ` (built-in rule sets: ${builtinRuleSetNames().join(', ')})` : '';
    return fail('not_found', `no rule-set file or built-in rule set named "${location}"${hint}`);
  }
  if (size > MAX_RULESET_BYTES) fail('too_large', `file is ${(size / 1048576).toFixed(1)} MB; rule sets are limited to ${MAX_RULESET_BYTES / 1048576} MB`);
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_RULESET_BYTES);
  } catch (error) {
    return fail('unreadable', `cannot read "${location}": ${error instanceof Error ? error.message : String(error)}`);
  }
  if (bytes.length > MAX_RULESET_BYTES) fail('too_large', `file is over ${MAX_RULESET_BYTES / 1048576} MB; rule sets are limited to ${MAX_RULESET_BYTES / 1048576} MB`);
  const text = bytes.toString('utf8');
  if (text.trim() === '') fail('empty', 'file is empty; expected a JSON rule set');
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    fail('invalid_json', `not valid JSON${jsonErrorPlace(error, text)}; expected a JSON rule set`);
  }
  return { name, file, raw };
}

function validateDocument(raw: unknown, name: string, registry: Registry): RuleSetDocument {
  if (!isPlainObject(raw)) {
    throw new Failure([{ path: '', code: 'invalid_type', message: 'expected a JSON object with id, version, subject and rules', file: name }]);
  }
  if (jsonDepth(raw, MAX_RULESET_DEPTH) > MAX_RULESET_DEPTH) {
    throw new Failure([{ path: '', code: 'too_deep', message: `nesting deeper than ${MAX_RULESET_DEPTH} levels; a rule set needs about 5`, file: name }]);
  }
  const parsed = buildRuleSetSchema(registry).safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const ids = registry.rules.map((r) => r.meta.id);
    throw new Failure(toRuleSetIssues(parsed.error.issues, ids).map((issue) => ({ ...issue, file: name })));
  }
  return parsed.data;
}

function collectChain(input: string | Record<string, unknown>, registry: Registry, cwd: string): Source[] {
  const chain: Source[] = [];
  const seen = new Set<string>();
  let next: { raw: unknown; name: string; file: string | undefined } =
    typeof input === 'string' ? readDocument(input, cwd) : { raw: input, name: '(object)', file: undefined };
  for (;;) {
    const document = validateDocument(next.raw, next.name, registry);
    const rawRules = isPlainObject(next.raw) && isPlainObject(next.raw.rules) ? next.raw.rules : {};
    chain.unshift({ name: next.name, file: next.file, document, rawRules });
    seen.add(next.name);
    if (document.extends === undefined) return chain;
    if (chain.length > MAX_EXTENDS) {
      throw new Failure([{ path: 'extends', code: 'extends_depth', message: `more than ${MAX_EXTENDS} levels of extends`, file: next.name }]);
    }
    const base = next.file === undefined ? cwd : dirname(next.file);
    const target = readDocument(document.extends, base);
    if (seen.has(target.name)) {
      throw new Failure([{ path: 'extends', code: 'extends_cycle', message: `extends cycle: "${document.extends}" is already in the chain`, received: document.extends, file: next.name }]);
    }
    next = target;
  }
}

interface Draft {
  enabled: boolean;
  score: number;
  options: Record<string, unknown>;
  shadow: boolean;
  forceAction: string | undefined;
  setBy: { enabled: string; score: string; options: string[]; shadow: string; forceAction: string };
}

function merge(chain: Source[], registry: Registry): RuleSet {
  const top = chain[chain.length - 1]!;
  const subject = top.document.subject;
  const issues: RuleSetIssue[] = [];
  for (const source of chain) {
    if (source.document.subject !== subject) {
      issues.push({ path: 'subject', code: 'subject_mismatch', message: `"${source.document.subject}" does not match "${subject}" of the extending rule set`, received: source.document.subject, file: source.name });
    }
  }
  const subjects = RULESET_SUBJECTS[subject] as readonly Subject[];
  const drafts = new Map<string, Draft>();
  for (const s of subjects) {
    for (const rule of registry.forSubject(s)) {
      drafts.set(rule.meta.id, {
        enabled: true,
        score: rule.meta.defaultScore,
        options: {},
        shadow: false,
        forceAction: undefined,
        setBy: { enabled: 'default', score: 'default', options: [], shadow: 'default', forceAction: 'default' },
      });
    }
  }
  const actions: Partial<Record<Subject, readonly Threshold[]>> = {};
  for (const source of chain) {
    for (const [id, value] of Object.entries(source.rawRules)) {
      const entry = value as RuleEntry | undefined;
      if (entry === undefined) continue;
      const draft = drafts.get(id);
      if (draft === undefined) {
        const rule = registry.get(id);
        issues.push({ path: formatPath(['rules', id]), code: 'wrong_subject', message: `rule "${id}" scores ${rule?.meta.subject ?? 'another subject'}, but this is a ${subject} rule set`, received: id, file: source.name });
        continue;
      }
      if (entry === 'off') {
        draft.enabled = false;
        draft.setBy.enabled = source.name;
        continue;
      }
      draft.enabled = true;
      draft.setBy.enabled = source.name;
      if (entry.score !== undefined) {
        draft.score = entry.score;
        draft.setBy.score = source.name;
      }
      if (entry.options !== undefined) {
        // Option values are replaced per key, not deep-merged: lists like domain allow-lists
        // must be overridable as a whole.
        draft.options = { ...draft.options, ...entry.options };
        draft.setBy.options.push(source.name);
      }
      if (entry.shadow !== undefined) {
        draft.shadow = entry.shadow;
        draft.setBy.shadow = source.name;
      }
      if (entry.forceAction !== undefined) {
        draft.forceAction = entry.forceAction;
        draft.setBy.forceAction = source.name;
      }
    }
    for (const [s, thresholds] of Object.entries(source.document.actions ?? {})) {
      if (thresholds === undefined) continue;
      if (!subjects.includes(s as Subject)) {
        issues.push({ path: formatPath(['actions', s]), code: 'wrong_subject', message: `a ${subject} rule set has no ${s} actions (expected: ${subjects.join(', ')})`, file: source.name });
        continue;
      }
      actions[s as Subject] = Object.freeze(thresholds.map((t) => Object.freeze({ ...t })));
    }
  }
  for (const s of subjects) {
    if (actions[s] === undefined) {
      issues.push({ path: formatPath(['actions', s]), code: 'missing_actions', message: `missing ${s} thresholds, e.g. [{ "action": "...", "minScore": 50 }, …, { "minScore": 0 }]`, file: top.name });
    }
  }
  // Validate options only now, after the chain is merged, so cross-field checks see the final values.
  const rules: RuleConfig[] = [];
  const ids = registry.rules.map((r) => r.meta.id);
  for (const [id, draft] of [...drafts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rule = registry.get(id)!;
    const parsed = rule.meta.options.strict().safeParse(draft.options, { reportInput: true });
    if (!parsed.success) {
      const file = draft.setBy.options[draft.setBy.options.length - 1] ?? top.name;
      issues.push(...toRuleSetIssues(parsed.error.issues, ids, ['rules', id, 'options']).map((i) => ({ ...i, file })));
      continue;
    }
    rules.push(
      Object.freeze({
        id,
        subject: rule.meta.subject,
        enabled: draft.enabled,
        score: draft.score,
        options: Object.freeze(parsed.data as Record<string, unknown>),
        shadow: draft.shadow,
        forceAction: draft.forceAction,
        setBy: Object.freeze({ ...draft.setBy, options: Object.freeze(draft.setBy.options.length > 0 ? [...draft.setBy.options] : ['default']) }),
      }),
    );
  }
  issues.push(...unmetReads(rules, registry, top.name));
  if (issues.length > 0) throw new Failure(issues);
  const hash = configurationHash({ id: top.document.id, version: top.document.version, subject, rules, actions });
  return bindRuleSet(
    {
      id: top.document.id,
      version: top.document.version,
      subject,
      description: top.document.description,
      hash,
      sources: Object.freeze(chain.map((s) => s.name)),
      rules: Object.freeze(rules),
      actions: Object.freeze(actions),
    },
    registry,
  );
}

/** The configuration part of a rule set: what JSON and structured clones carry. */
export type RuleSetData = Omit<RuleSet, 'registry'>;

// Built-in sets by name, per registry: loaded once, as every scan and screener asks again.
const namedCache = new WeakMap<Registry, Map<string, RuleSet>>();

/**
 * Checks a rule set and returns the result instead of throwing. Never throws for bad input:
 * unreadable files, invalid JSON, hostile nesting and schema violations all become issues.
 */
export function checkRuleSet(input: RuleSetInput, options: EngineLoadOptions): RuleSetCheck {
  if (typeof input !== 'string' && !isPlainObject(input)) {
    const received = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
    return { ok: false, issues: [{ path: '', code: 'invalid_type', message: `expected a rule-set name, a file path or a rule-set object, received ${received}` }] };
  }
  const registry = options.registry;
  if (isLoaded(input)) {
    if (input.registry === registry) return { ok: true, ruleSet: input };
    return { ok: false, issues: [{ path: '', code: 'registry_mismatch', message: `rule set "${input.id}" was loaded with another registry; pass that registry, or load the set again with this one` }] };
  }
  const useCache = typeof input === 'string' && builtinRuleSetNames().includes(input);
  let cache = useCache ? namedCache.get(registry) : undefined;
  const cached = useCache ? cache?.get(input) : undefined;
  if (cached !== undefined) return { ok: true, ruleSet: cached };
  try {
    const ruleSet = merge(collectChain(input, registry, options.cwd ?? process.cwd()), registry);
    if (useCache) {
      if (cache === undefined) namedCache.set(registry, (cache = new Map()));
      cache.set(input, ruleSet);
    }
    return { ok: true, ruleSet };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, issues: error.issues };
    if (error instanceof RangeError) {
      return { ok: false, issues: [{ path: '', code: 'too_deep', message: `rule set too deeply nested to process (${error.message})` }] };
    }
    throw error;
  }
}

/**
 * Loads a rule set by built-in name (`onboarding`, `traffic`), file path, or object; merges its
 * `extends` chain, applies rule defaults and validates the result.
 *
 * @throws {RuleSetError} with one issue per problem, each naming the path of the offending field.
 */
export function loadRuleSet(input: RuleSetInput, options: EngineLoadOptions): RuleSet {
  const result = checkRuleSet(input, options);
  if (!result.ok) throw new RuleSetError(result.issues);
  return result.ruleSet;
}
