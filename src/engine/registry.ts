import type { Subject } from './actions.js';
import type { AnyRule } from './define-rule.js';

/** An immutable, id-sorted set of rules the engine and rule-set loader know about. */
export interface Registry {
  /** All rules, sorted by id. */
  readonly rules: readonly AnyRule[];
  /** Looks a rule up by id. */
  get(id: string): AnyRule | undefined;
  /** The rules of one subject, sorted by id. */
  forSubject(subject: Subject): readonly AnyRule[];
}

/** Builds a registry; throws `TypeError` on duplicate ids (a packaging bug, caught by tests). */
export function createRegistry(rules: readonly AnyRule[]): Registry {
  const byId = new Map<string, AnyRule>();
  for (const rule of rules) {
    if (byId.has(rule.meta.id)) throw new TypeError(`duplicate rule id "${rule.meta.id}"`);
    byId.set(rule.meta.id, rule);
  }
  const sorted = Object.freeze([...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)));
  const bySubject = new Map<Subject, readonly AnyRule[]>();
  for (const subject of ['site', 'click', 'partner'] as const) {
    bySubject.set(subject, Object.freeze(sorted.filter((r) => r.meta.subject === subject)));
  }
  return Object.freeze({
    rules: sorted,
    get: (id: string) => byId.get(id),
    forSubject: (subject: Subject) => bySubject.get(subject) ?? [],
  });
}
