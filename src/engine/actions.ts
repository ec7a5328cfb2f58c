/** What is being scored: an applicant site, one click, or one partner's traffic over a period. */
export type Subject = 'site' | 'click' | 'partner';

/** All subjects, in a fixed order. */
export const SUBJECTS: readonly Subject[] = Object.freeze(['site', 'click', 'partner']);

/** Actions for a site (applicant) report. */
export type SiteAction = 'approve' | 'review' | 'reject';
/** Actions for a single click. */
export type ClickAction = 'allow' | 'flag' | 'block';
/** Actions for a partner over a period. */
export type PartnerAction = 'allow' | 'review' | 'cap' | 'block';
/** Any action of any subject. */
export type Action = SiteAction | ClickAction | PartnerAction;

/** The action a subject's report may carry, by subject. */
export interface ActionBySubject {
  /** Site actions. */
  site: SiteAction;
  /** Click actions. */
  click: ClickAction;
  /** Partner actions. */
  partner: PartnerAction;
}

/** Each subject's actions from least to most severe; severity decides between forced actions. */
export const ACTIONS: { readonly [S in Subject]: readonly ActionBySubject[S][] } = Object.freeze({
  site: Object.freeze(['approve', 'review', 'reject'] as const),
  click: Object.freeze(['allow', 'flag', 'block'] as const),
  partner: Object.freeze(['allow', 'review', 'cap', 'block'] as const),
});

/** Severity rank of `action` within `subject` (higher is more severe), or -1 if it does not belong. */
export function actionSeverity(subject: Subject, action: string): number {
  return (ACTIONS[subject] as readonly string[]).indexOf(action);
}

/** The domains a rule set can cover, and the rule subjects each contains. */
export const RULESET_SUBJECTS = Object.freeze({
  site: Object.freeze(['site'] as const),
  traffic: Object.freeze(['click', 'partner'] as const),
});

/** The domain of a rule set: `site` for onboarding, `traffic` for clicks and partners. */
export type RuleSetSubject = keyof typeof RULESET_SUBJECTS;
