/** Shared assertions on reports, used by every test that produces a score. */
import { expect } from 'vitest';

interface Scored {
  score: number;
  rawScore: number;
  hits: ReadonlyArray<{ points: number }>;
}

/** A report's score is the clamped (0–100) sum of its hits' points, and rawScore the unclamped sum. */
export function expectScoreIsSumOfHits(report: Scored): void {
  let sum = 0;
  for (const hit of report.hits) sum += hit.points;
  const raw = Math.round(sum * 100) / 100;
  expect(report.rawScore).toBe(raw);
  expect(report.score).toBe(Math.min(100, Math.max(0, raw)));
}
