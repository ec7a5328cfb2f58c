import { escapeInvisible } from './printable.js';

/**
 * Stable machine-readable codes carried by every {@link PartnerguardError}.
 * Codes never change meaning between versions; messages may be reworded.
 */
export type PartnerguardErrorCode =
  | 'PARTNERGUARD_ERROR'
  | 'RULESET_INVALID'
  | 'INPUT_INVALID'
  | 'FETCH_REFUSED'
  | 'FETCH_FAILED'
  | 'LIMIT_EXCEEDED';

/** Options accepted by every partnerguard error constructor. */
export interface PartnerguardErrorOptions {
  /** The underlying error, if this one wraps another. */
  cause?: unknown;
}

/**
 * Base class of every error partnerguard throws on purpose. Catch this to tell
 * partnerguard's own, explained failures apart from bugs.
 */
export class PartnerguardError extends Error {
  /** Stable code for programmatic handling. */
  readonly code: PartnerguardErrorCode;

  constructor(message: string, code: PartnerguardErrorCode = 'PARTNERGUARD_ERROR', options: PartnerguardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PartnerguardError';
    this.code = code;
  }
}

/** One problem found in a rule set, located by the path of the offending field. */
export interface RuleSetIssue {
  /** Path of the offending field, e.g. `rules["click/flood-ip"].options.windowSeconds`; empty for the whole document. */
  readonly path: string;
  /** Short machine-readable kind, e.g. `unknown_rule`, `invalid_type`, `thresholds_order`, `invalid_json`. */
  readonly code: string;
  /** What is wrong and, where possible, how to fix it. */
  readonly message: string;
  /** The value found at `path`, when it is small enough to show. */
  readonly received?: unknown;
  /** The rule-set file the issue was found in, when it came from a file. */
  readonly file?: string;
}

/** Formats one issue as a single line, path first (used by errors and the CLI). */
export function formatRuleSetIssue(issue: RuleSetIssue): string {
  const where = issue.path === '' ? '(root)' : issue.path;
  const file = issue.file === undefined ? '' : `${issue.file}: `;
  // Paths, file names and messages quote the input: nothing in them may hide or reorder text.
  return escapeInvisible(`${file}${where}: ${issue.message}`);
}

/** Thrown by `loadRuleSet` when a rule set cannot be read, parsed or validated. `issues` is never empty. */
export class RuleSetError extends PartnerguardError {
  /** Every problem found, each naming the path of the offending field. */
  readonly issues: readonly RuleSetIssue[];

  constructor(issues: readonly RuleSetIssue[], options: PartnerguardErrorOptions = {}) {
    const list = issues.length > 0 ? issues : [{ path: '', code: 'unknown', message: 'invalid rule set' }];
    const head = formatRuleSetIssue(list[0]!);
    const more = list.length > 1 ? ` (and ${list.length - 1} more issue${list.length > 2 ? 's' : ''})` : '';
    super(`Invalid rule set: ${head}${more}`, 'RULESET_INVALID', options);
    this.name = 'RuleSetError';
    this.issues = list;
  }
}

/** Thrown (or, in streams, counted as a reject) when caller input is malformed. */
export class InputError extends PartnerguardError {
  /** Where the bad input was found, e.g. `clicks.ndjson:12` or `options.limits.maxBytes`. */
  readonly location: string | undefined;

  constructor(message: string, options: PartnerguardErrorOptions & { location?: string } = {}) {
    super(message, 'INPUT_INVALID', options);
    this.name = 'InputError';
    this.location = options.location;
  }
}

/** Why a fetch was refused before (or while) connecting. */
export type FetchRefusalReason =
  | 'scheme'
  | 'credentials'
  | 'port'
  | 'private-address'
  | 'invalid-url'
  | 'unresolvable'
  | 'too-many-redirects'
  | 'redirect-loop';

/** Thrown when the SSRF guard refuses a URL or the address it resolves to. */
export class FetchRefusedError extends PartnerguardError {
  /** Why the request was refused. */
  readonly reason: FetchRefusalReason;
  /** The URL that was refused. */
  readonly url: string;
  /** The resolved address that was refused, when the refusal came from DNS or the socket. */
  readonly address: string | undefined;

  constructor(message: string, details: { reason: FetchRefusalReason; url: string; address?: string }, options: PartnerguardErrorOptions = {}) {
    super(message, 'FETCH_REFUSED', options);
    this.name = 'FetchRefusedError';
    this.reason = details.reason;
    this.url = details.url;
    this.address = details.address;
  }
}
