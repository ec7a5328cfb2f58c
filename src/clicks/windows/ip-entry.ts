/**
 * The window state of an address that clicked a partner more than once: its click times, its
 * user agents and its duplicate fingerprints, as one block of numbers in its key table's
 * arena (see `windows.ts`), not as objects.
 *
 * These entries live minutes of stream time, long enough to be promoted out of the young
 * generation as objects (an entry, three arrays and an object per fingerprint), and then
 * traced at every scavenge through the tables that point at them. A block in a Float64Array
 * costs the collector nothing.
 *
 * Block layout, from its offset `b`: `[length, times, timesCap, agents, agentsCap, prints,
 * printsCap]`, then `timesCap` click times (oldest first), `agentsCap` pairs `[agent hash,
 * last seen]` (in the order first seen), `printsCap` quads `[agent hash, rest hash, last
 * seen, count]` (least recently repeated first). A full list drops its first item. A list that outgrows its capacity moves the
 * block to a larger one at the arena's end; the old block is dropped with the generation.
 *
 * @module
 */
import { earlierInWindow, lastAfter } from './repeat-count.js';

/** Where blocks live: a key table's arena, bump-allocated and emptied with the table. */
export interface Arena {
  /** The numbers; replaced (contents copied) when `alloc` grows it. */
  arena: Float64Array;
  /** Claims `n` numbers at the arena's end; returns their offset. */
  alloc(n: number): number;
}

const LENGTH = 0;
const TIMES = 1;
const TIMES_CAP = 2;
const AGENTS = 3;
const AGENTS_CAP = 4;
const PRINTS = 5;
const PRINTS_CAP = 6;
const HEAD = 7;

/** Capacities a block starts with: most repeating addresses click a few times with one agent. */
const FIRST_TIMES = 4;
const FIRST_AGENTS = 2;
const FIRST_PRINTS = 2;

/** The windows and bounds entries keep to (see `WindowConfig`), in milliseconds and items. */
export interface EntryLimits {
  /** Flood window. */
  readonly floodMs: number;
  /** UA-rotation window. */
  readonly rotationMs: number;
  /** Duplicate window. */
  readonly duplicateMs: number;
  /** Most click times, and most fingerprints, per entry. */
  readonly maxEvents: number;
  /** Most user agents per entry. */
  readonly maxAgents: number;
}

/** Numbers a block holds, its header included: how a generic table copies a block forward. */
export function blockLength(arena: Float64Array, b: number): number {
  return arena[b + LENGTH]!;
}

function allocBlock(to: Arena, timesCap: number, agentsCap: number, printsCap: number): number {
  const length = HEAD + timesCap + 2 * agentsCap + 4 * printsCap;
  const b = to.alloc(length);
  const a = to.arena;
  a[b + LENGTH] = length;
  a[b + TIMES_CAP] = timesCap;
  a[b + AGENTS_CAP] = agentsCap;
  a[b + PRINTS_CAP] = printsCap;
  return b;
}

/** A new entry holding an address's first click (its time, agent and fingerprint rest); returns its offset. */
export function createEntry(to: Arena, t: number, agent: number, rest: number): number {
  const b = allocBlock(to, FIRST_TIMES, FIRST_AGENTS, FIRST_PRINTS);
  const a = to.arena;
  a[b + TIMES] = 1;
  a[b + HEAD] = t;
  const agents = b + HEAD + FIRST_TIMES;
  a[b + AGENTS] = 1;
  a[agents] = agent;
  a[agents + 1] = t;
  const prints = agents + 2 * FIRST_AGENTS;
  a[b + PRINTS] = 1;
  a[prints] = agent;
  a[prints + 1] = rest;
  a[prints + 2] = t;
  a[prints + 3] = 1;
  return b;
}

// Which list a block is grown for.
const GROW_TIMES = 0;
const GROW_AGENTS = 1;
const GROW_PRINTS = 2;

/** Moves a block whose `list` is full to a new block with that list's capacity doubled (within `max`); returns the new offset. */
function grow(to: Arena, b: number, list: number, max: number): number {
  let a = to.arena;
  const timesCap = a[b + TIMES_CAP]!;
  const agentsCap = a[b + AGENTS_CAP]!;
  const printsCap = a[b + PRINTS_CAP]!;
  const more = (cap: number): number => Math.min(max, 2 * cap);
  const nb = allocBlock(to, list === GROW_TIMES ? more(timesCap) : timesCap, list === GROW_AGENTS ? more(agentsCap) : agentsCap, list === GROW_PRINTS ? more(printsCap) : printsCap);
  // `alloc` may have replaced the arena, with the old block copied: read it from the new one.
  a = to.arena;
  const times = a[b + TIMES]!;
  const agents = a[b + AGENTS]!;
  const prints = a[b + PRINTS]!;
  a[nb + TIMES] = times;
  a[nb + AGENTS] = agents;
  a[nb + PRINTS] = prints;
  a.copyWithin(timesAt(nb), timesAt(b), timesAt(b) + times);
  a.copyWithin(agentsAt(a, nb), agentsAt(a, b), agentsAt(a, b) + 2 * agents);
  a.copyWithin(printsAt(a, nb), printsAt(a, b), printsAt(a, b) + 4 * prints);
  return nb;
}

function timesAt(b: number): number {
  return b + HEAD;
}

function agentsAt(a: Float64Array, b: number): number {
  return b + HEAD + a[b + TIMES_CAP]!;
}

function printsAt(a: Float64Array, b: number): number {
  return b + HEAD + a[b + TIMES_CAP]! + 2 * a[b + AGENTS_CAP]!;
}

function listAt(a: Float64Array, b: number, list: number): number {
  return list === GROW_TIMES ? timesAt(b) : list === GROW_AGENTS ? agentsAt(a, b) : printsAt(a, b);
}

// Per list (by its GROW_ id): the header fields of its count and capacity.
const COUNT_FIELD = [TIMES, AGENTS, PRINTS];
const CAP_FIELD = [TIMES_CAP, AGENTS_CAP, PRINTS_CAP];

/**
 * Makes room for one more item of `width` numbers at the end of a list holding `n`: its first
 * item is dropped when it holds `max`, and the block moves when the list is at capacity.
 * Returns the block's offset; the list's count in the block is the items left before the new one.
 */
function makeRoom(to: Arena, b: number, list: number, n: number, width: number, max: number): number {
  const a = to.arena;
  const at = listAt(a, b, list);
  if (n >= max) {
    a.copyWithin(at, at + width, at + width * n);
    n -= 1;
  }
  a[b + COUNT_FIELD[list]!] = n;
  return n === a[b + CAP_FIELD[list]!] ? grow(to, b, list, max) : b;
}

/** The entry's state after one more click, as the windows read it. */
export interface RecordedClick {
  /** The block's offset afterwards (it moves when a list grows: the caller stores it back in the slot). */
  readonly offset: number;
  /** Clicks inside the flood window, this one included. */
  readonly clicks: number;
  /** Distinct user agents inside the rotation window. */
  readonly agents: number;
  /** Earlier clicks with the same fingerprint inside the duplicate window. */
  readonly sameFingerprint: number;
}

/**
 * Records a click at `t` with user agent `agent` and fingerprint rest `rest` in the entry at
 * `b`, and returns the clicks inside the flood window, the distinct agents
 * inside the rotation window and the earlier clicks with the same fingerprint inside the
 * duplicate window. `wm` is the partner's watermark: times, agents and fingerprints behind
 * its windows can never count again and are dropped first.
 */
export function recordClick(to: Arena, b: number, t: number, wm: number, agent: number, rest: number, limits: EntryLimits): RecordedClick {
  const { floodMs, rotationMs, duplicateMs, maxEvents, maxAgents } = limits;
  let a = to.arena;

  // Flood: click times, oldest first.
  let n = a[b + TIMES]!;
  let at = timesAt(b);
  let drop = 0;
  while (drop < n && a[at + drop]! < wm - floodMs) drop += 1;
  if (drop > 0) {
    a.copyWithin(at, at + drop, at + n);
    n -= drop;
  }
  b = makeRoom(to, b, GROW_TIMES, n, 1, maxEvents);
  a = to.arena;
  n = a[b + TIMES]!;
  at = timesAt(b);
  a[at + n] = t;
  n += 1;
  a[b + TIMES] = n;
  const from = t - floodMs;
  let clicks = 0;
  for (let i = 0; i < n; i += 1) {
    const x = a[at + i]!;
    if (x >= from && x <= t) clicks += 1;
  }

  // Rotation: distinct agents, as [hash, last seen] pairs.
  let m = a[b + AGENTS]!;
  at = agentsAt(a, b);
  let seen = -1;
  for (let i = 0; i < m; i += 1) {
    if (a[at + 2 * i] === agent) {
      seen = i;
      break;
    }
  }
  if (seen === -1) {
    b = makeRoom(to, b, GROW_AGENTS, m, 2, maxAgents);
    a = to.arena;
    m = a[b + AGENTS]!;
    at = agentsAt(a, b);
    a[at + 2 * m] = agent;
    a[at + 2 * m + 1] = t;
    m += 1;
    a[b + AGENTS] = m;
  } else if (t > a[at + 2 * seen + 1]!) {
    a[at + 2 * seen + 1] = t;
  }
  const rotationFrom = t - rotationMs;
  let agents = 0;
  for (let i = 0; i < m; i += 1) if (a[at + 2 * i + 1]! >= rotationFrom) agents += 1;

  // Duplicates: fingerprints as [agent, rest, last seen, count] quads.
  let k = a[b + PRINTS]!;
  at = printsAt(a, b);
  // As the key tables do: a fingerprint untouched for a whole window behind the watermark is forgotten.
  drop = 0;
  while (drop < k && a[at + 4 * drop + 2]! < wm - duplicateMs) drop += 1;
  if (drop > 0) {
    a.copyWithin(at, at + 4 * drop, at + 4 * k);
    k -= drop;
    a[b + PRINTS] = k;
  }
  let sameFingerprint = 0;
  let found = false;
  for (let i = 0; i < k; i += 1) {
    const p = at + 4 * i;
    if (a[p] !== agent || a[p + 1] !== rest) continue;
    found = true;
    const last = a[p + 2]!;
    const earlier = earlierInWindow(last, a[p + 3]!, t, duplicateMs);
    const newLast = lastAfter(last, t, earlier);
    if (earlier > 0 && i < k - 1) {
      // Most recently seen last, so the oldest are dropped first.
      a.copyWithin(p, p + 4, at + 4 * k);
      const end = at + 4 * (k - 1);
      a[end] = agent;
      a[end + 1] = rest;
      a[end + 2] = newLast;
      a[end + 3] = earlier + 1;
    } else {
      a[p + 2] = newLast;
      a[p + 3] = earlier + 1;
    }
    sameFingerprint = earlier;
    break;
  }
  if (!found) {
    b = makeRoom(to, b, GROW_PRINTS, k, 4, maxEvents);
    a = to.arena;
    k = a[b + PRINTS]!;
    at = printsAt(a, b);
    const p = at + 4 * k;
    a[p] = agent;
    a[p + 1] = rest;
    a[p + 2] = t;
    a[p + 3] = 1;
    a[b + PRINTS] = k + 1;
  }

  return { offset: b, clicks, agents, sameFingerprint };
}
