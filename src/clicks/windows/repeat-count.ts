/**
 * How a repeated key (a click id, a fingerprint) is counted inside the duplicate window: the
 * one rule both the click-id table (`windows.ts`) and an address's fingerprints
 * (`ip-entry.ts`) follow.
 *
 * @module
 */

/** Earlier sightings of a seen key still counted: its count, or 0 when its last one is outside the window (counting restarts). */
export function earlierInWindow(last: number, count: number, t: number, windowMs: number): number {
  return Math.abs(t - last) > windowMs ? 0 : count;
}

/** A key's last sighting after one at `t`: `t` on a restart, else the later of the two (a late click never moves it back). */
export function lastAfter(last: number, t: number, earlier: number): number {
  return earlier === 0 ? t : Math.max(last, t);
}
