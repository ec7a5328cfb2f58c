import type { z } from 'zod';
import type { Subject } from './actions.js';
import type { JsonObject } from './json.js';
import { compileTemplate, renderTemplate } from './message-template.js';

/** A rule's id: `<subject>/<kebab-name>`, stable across versions (rule sets refer to it). */
export type RuleId = `${Subject}/${string}`;

/** What a rule returns for one thing it found. The engine turns findings into {@link Hit}s. */
export interface Finding {
  /** Which of the rule's `messages` templates to use; defaults to the first. */
  readonly messageId?: string;
  /** Values substituted for `{{name}}` placeholders in the message template. */
  readonly data?: { readonly [key: string]: string | number };
  /** Machine-readable evidence: the offending URL, element, numbers compared… */
  readonly evidence: JsonObject;
  /** How sure the rule is, 0–1 (default 1). Points are the configured score times this. */
  readonly confidence?: number;
}

/** What the engine passes to a rule beside its features and options. */
export interface RuleContext {
  /** The id of the rule being run. */
  readonly ruleId: string;
  /** The score configured for the rule in the active rule set. */
  readonly score: number;
}

/** The static description of a rule: everything but its logic. */
export interface RuleMeta<TOptions extends z.ZodObject = z.ZodObject> {
  /** Stable id, `site/…`, `click/…` or `partner/…`; the prefix must equal `subject`. */
  readonly id: RuleId;
  /** The subject whose features the rule reads. */
  readonly subject: Subject;
  /** One line saying what the rule detects. */
  readonly description: string;
  /** Points for a hit at confidence 1 unless a rule set overrides it (negative for trust signals). */
  readonly defaultScore: number;
  /** zod schema of the rule's options; every field has a default so `{}` is valid. */
  readonly options: TOptions;
  /** Message templates by message id; `{{name}}` is replaced by `Finding.data.name`. */
  readonly messages: { readonly [messageId: string]: string };
  /** What the rule reads beyond its features' fixed fields, declared so loaders and packs check and wire it. */
  readonly reads?: RuleReads | undefined;
}

/**
 * What a rule depends on, declared instead of being known by id elsewhere. The rule-set loader
 * refuses a set that switches off (or shadows) a rule another enabled rule reads; the click
 * pack sizes its windows from the `window` declarations of the rules in the set.
 */
export interface RuleReads {
  /** Rules whose live hits this rule counts (a partner share rule reads its click rule's hits). */
  readonly rules?: readonly RuleId[] | undefined;
  /** The per-click window the rule reads, and the option that sets its length in seconds. */
  readonly window?: { readonly name: string; readonly lengthOption: string } | undefined;
}

/** A rule: meta plus a pure function from features to findings. Rules never do I/O. */
export interface Rule<TFeatures = unknown, TOptions = unknown> {
  /** The rule's static description. */
  readonly meta: RuleMeta;
  /** Pure: the same features and options always give the same findings. */
  evaluate(features: TFeatures, options: TOptions, context: RuleContext): Finding | readonly Finding[] | null | undefined;
}

/** A rule of any features and options type, as held by a registry. */
export type AnyRule = Rule<never, never>;

/** Checks a rule definition and returns it frozen. Throws `TypeError` on a malformed definition (a bug, caught by tests). */
export function defineRule<TFeatures, TSchema extends z.ZodObject>(definition: {
  meta: RuleMeta<TSchema>;
  evaluate(features: TFeatures, options: z.output<TSchema>, context: RuleContext): Finding | readonly Finding[] | null | undefined;
}): Rule<TFeatures, z.output<TSchema>> {
  const { meta } = definition;
  if (!/^(?:site|click|partner)\/[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(meta.id)) {
    throw new TypeError(`rule id "${meta.id}" must look like "<subject>/<kebab-name>"`);
  }
  if (!meta.id.startsWith(`${meta.subject}/`)) {
    throw new TypeError(`rule id "${meta.id}" must start with its subject "${meta.subject}/"`);
  }
  if (Object.keys(meta.messages).length === 0) {
    throw new TypeError(`rule "${meta.id}" needs at least one message template`);
  }
  if (!Number.isFinite(meta.defaultScore)) {
    throw new TypeError(`rule "${meta.id}" needs a finite default score`);
  }
  const defaults = meta.options.safeParse({});
  if (!defaults.success) {
    throw new TypeError(`rule "${meta.id}": every option needs a default ({} must be valid options)`);
  }
  const reads = meta.reads === undefined ? undefined : checkedReads(meta.id, meta.reads, meta.options);
  const frozen = { ...meta, messages: Object.freeze({ ...meta.messages }) };
  if (reads !== undefined) frozen.reads = reads;
  return Object.freeze({ meta: Object.freeze(frozen), evaluate: definition.evaluate });
}

function checkedReads(id: string, reads: RuleReads, options: z.ZodObject): RuleReads {
  const rules = reads.rules ?? [];
  for (const needed of rules) {
    if (!/^(?:site|click|partner)\/[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(needed) || needed === id) throw new TypeError(`rule "${id}" reads "${needed}", which is not another rule's id`);
  }
  const window = reads.window;
  if (window !== undefined && !(window.lengthOption in options.shape)) {
    throw new TypeError(`rule "${id}" declares its window length in option "${window.lengthOption}", which it does not have`);
  }
  return Object.freeze({ ...(reads.rules === undefined ? {} : { rules: Object.freeze([...rules]) }), ...(window === undefined ? {} : { window: Object.freeze({ ...window }) }) });
}

/** Fills `{{name}}` placeholders from `data`; unknown placeholders are left visible so tests catch them. */
export function renderMessage(template: string, data: Finding['data']): string {
  return renderTemplate(compileTemplate(template), data);
}
