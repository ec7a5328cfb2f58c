import { z } from 'zod';
import { ACTIONS, RULESET_SUBJECTS, type Subject } from './actions.js';
import type { Registry } from './registry.js';

/** One score threshold: scores at or above `minScore` take `action` (first match wins). */
export interface Threshold {
  /** The action taken. */
  readonly action: string;
  /** Inclusive lower bound on the clamped 0–100 score. */
  readonly minScore: number;
}

function thresholdsSchema(subject: Subject) {
  const actions = ACTIONS[subject] as readonly [string, ...string[]];
  return z
    .array(
      z
        .object({
          action: z.enum(actions).describe(`One of: ${actions.join(', ')}.`),
          minScore: z.number().min(0).max(100).describe('Scores at or above this (0–100) take this action.'),
        })
        .strict(),
    )
    .min(1)
    .describe(`Ordered ${subject} thresholds, highest minScore first; the last must have minScore 0.`)
    .superRefine((list, ctx) => {
      for (let i = 1; i < list.length; i += 1) {
        if (list[i]!.minScore >= list[i - 1]!.minScore) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'minScore'],
            message: `thresholds out of order: ${list[i]!.minScore} must be lower than the previous threshold's ${list[i - 1]!.minScore} (list highest first)`,
            input: list[i]!.minScore,
            params: { kind: 'thresholds_order' },
          });
        }
      }
      const last = list[list.length - 1];
      if (last !== undefined && last.minScore !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: [list.length - 1, 'minScore'],
          message: `the last threshold must have minScore 0 so that every score maps to an action, received ${last.minScore}`,
          input: last.minScore,
          params: { kind: 'thresholds_floor' },
        });
      }
      const seen = new Set<string>();
      list.forEach((t, i) => {
        if (seen.has(t.action)) {
          ctx.addIssue({ code: 'custom', path: [i, 'action'], message: `action "${t.action}" appears twice`, input: t.action, params: { kind: 'thresholds_duplicate' } });
        }
        seen.add(t.action);
      });
    });
}

/**
 * The one zod schema of a rule-set document, built from the registry so that every known
 * rule's options are typed. Used to validate each file, the merged result, and to generate
 * `rules/ruleset.schema.json`.
 */
export function buildRuleSetSchema(registry: Registry) {
  const ruleEntries: Record<string, z.ZodType> = {};
  for (const rule of registry.rules) {
    const actions = ACTIONS[rule.meta.subject] as readonly [string, ...string[]];
    ruleEntries[rule.meta.id] = z
      .union([
        z.literal('off'),
        z
          .object({
            score: z.number().min(-100).max(100).optional().describe(`Points at confidence 1 (default ${rule.meta.defaultScore}).`),
            // Field types only: object-level refinements are checked on the merged rule set,
            // where a base file and the file extending it are seen together.
            options: z.object(rule.meta.options.shape).strict().optional().describe('Rule options; unset fields keep their defaults.'),
            shadow: z.boolean().optional().describe('Evaluate and report, but never change score or action.'),
            forceAction: z.enum(actions).optional().describe(`When the rule hits, take this action whatever the score (one of: ${actions.join(', ')}).`),
          })
          .strict(),
      ])
      .optional()
      .describe(rule.meta.description);
  }
  return z
    .object({
      $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]*$/u, 'expected lowercase letters, digits, ".", "_" or "-"')
        .max(100)
        .describe('Rule-set id, reported with every score.'),
      version: z.string().min(1).max(50).describe('Rule-set version, reported with every score.'),
      subject: z.enum(Object.keys(RULESET_SUBJECTS) as ['site', 'traffic']).describe('"site" (onboarding) or "traffic" (clicks and partners).'),
      description: z.string().max(2000).optional(),
      extends: z.string().min(1).optional().describe('A built-in rule-set name or a path relative to this file.'),
      rules: z.object(ruleEntries).strict().optional().describe('Per-rule overrides: "off" or { score, options, shadow, forceAction }.'),
      actions: z
        .object({ site: thresholdsSchema('site').optional(), click: thresholdsSchema('click').optional(), partner: thresholdsSchema('partner').optional() })
        .strict()
        .optional()
        .describe('Score thresholds per subject.'),
    })
    .strict();
}

/** The parsed shape of one rule-set document. */
export type RuleSetDocument = z.output<ReturnType<typeof buildRuleSetSchema>>;

/** A per-rule entry in a rule-set document. */
export type RuleEntry = 'off' | { score?: number; options?: Record<string, unknown>; shadow?: boolean; forceAction?: string };

/** Generates the JSON Schema editors use to complete rule-set files. */
export function ruleSetJsonSchema(registry: Registry): Record<string, unknown> {
  const schema = z.toJSONSchema(buildRuleSetSchema(registry), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    $comment: 'generated from the zod schema in src/engine/ruleset-schema.ts by `npm run generate` — do not edit',
    title: 'partnerguard rule set',
    ...schema,
  };
}
