/**
 * One overall time budget per `screenSite` call: every fetch, probe, frame and render runs
 * under its signal, and each stage still pending when it runs out is named in the report.
 * @module
 */
import { InputError } from '../engine/errors.js';
import type { DeadlineFeature } from './features.js';
import { DeadlineExceeded } from './fetch/session.js';

/** Default overall budget of one `screenSite` call, ms. */
export const DEFAULT_SITE_DEADLINE_MS = 30_000;

/** Stage names in pipeline order (the order `ranOut` lists them in). */
const STAGES = ['fetch', 'render', 'frames', 'probes', 'cloaking'] as const;

/** The name of a screening stage. */
export type SiteStage = (typeof STAGES)[number];

/** A running deadline. Call {@link SiteDeadline.close} when the screening ends. */
export class SiteDeadline {
  /** Aborts when the budget runs out or the caller's signal aborts. */
  readonly signal: AbortSignal;
  private readonly startedAt = Date.now();
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly ranOut = new Set<SiteStage>();

  /**
   * @param ms - The budget.
   * @param callerSignal - The caller's own signal, if any.
   * @throws InputError when `ms` is not a positive integer.
   */
  constructor(
    readonly ms: number = DEFAULT_SITE_DEADLINE_MS,
    callerSignal?: AbortSignal,
  ) {
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1) throw new InputError(`options.deadlineMs must be a positive integer (ms), got ${JSON.stringify(ms)}`, { location: 'options.deadlineMs' });
    this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded(`the site deadline of ${ms} ms`)), ms);
    this.signal = callerSignal === undefined ? this.controller.signal : AbortSignal.any([this.controller.signal, callerSignal]);
  }

  /** Milliseconds left (0 when run out). */
  remaining(): number {
    return Math.max(0, this.ms - (Date.now() - this.startedAt));
  }

  /** Whether the budget ran out. */
  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs a stage; when the budget ran out before it finished, the stage is recorded. */
  async stage<T>(name: SiteStage, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } finally {
      if (this.expired) this.ranOut.add(name);
    }
  }

  /** The deadline as a feature. */
  feature(): DeadlineFeature {
    return { ms: this.ms, ranOut: STAGES.filter((s) => this.ranOut.has(s)) };
  }

  /** Stops the timer. */
  close(): void {
    clearTimeout(this.timer);
  }
}
