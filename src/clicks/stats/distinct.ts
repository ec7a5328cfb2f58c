/**
 * A mergeable distinct counter: exact (a Set) up to a cap, then a HyperLogLog with a fixed,
 * seed-free hash. Both halves merge exactly — set union, register-wise max — and a set that
 * grows past the cap is converted element by element, so the merged result never depends on
 * how the input was split: the property the worker-equality test relies on.
 *
 * The state is plain structured-cloneable data (a Set or a Uint8Array) so workers can post it.
 *
 * @module
 */
import { hash32 } from '../hash.js';

/** Exact distinct values kept before switching to HyperLogLog. */
export const DISTINCT_EXACT_CAP = 2048;
const P = 14;
const M = 1 << P;

/** The state of one distinct counter. */
export interface DistinctState {
  /** Exact values while at most {@link DISTINCT_EXACT_CAP}; null once switched to a sketch. */
  exact: Set<string> | null;
  /** HyperLogLog registers (2^14 of them, ±0.8%); null while exact. */
  registers: Uint8Array | null;
}

/** A new, empty counter. */
export function createDistinct(): DistinctState {
  return { exact: new Set(), registers: null };
}

function addToRegisters(registers: Uint8Array, value: string): void {
  const h = hash32(value);
  const index = h >>> (32 - P);
  const rest = (h << P) >>> 0;
  // Rank: position of the first 1 bit in the remaining 32-P bits, capped when they are all 0.
  const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
  if (rank > registers[index]!) registers[index] = rank;
}

function toSketch(state: DistinctState): Uint8Array {
  if (state.registers !== null) return state.registers;
  const registers = new Uint8Array(M);
  for (const v of state.exact ?? []) addToRegisters(registers, v);
  state.registers = registers;
  state.exact = null;
  return registers;
}

/** Adds one value. */
export function addDistinct(state: DistinctState, value: string): void {
  if (state.exact !== null) {
    state.exact.add(value);
    if (state.exact.size > DISTINCT_EXACT_CAP) toSketch(state);
    return;
  }
  addToRegisters(state.registers!, value);
}

/** Merges `from` into `into` (mutating `into`); the result equals counting both inputs in one counter. */
export function mergeDistinct(into: DistinctState, from: DistinctState): void {
  if (from.exact !== null) {
    for (const v of from.exact) addDistinct(into, v);
    return;
  }
  const target = toSketch(into);
  const source = from.registers!;
  for (let i = 0; i < M; i += 1) if (source[i]! > target[i]!) target[i] = source[i]!;
}

/** The distinct count: exact below the cap, else the HyperLogLog estimate with the small-range correction, rounded. */
export function countDistinct(state: DistinctState): { count: number; exact: boolean } {
  if (state.exact !== null) return { count: state.exact.size, exact: true };
  const registers = state.registers!;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < M; i += 1) {
    sum += 2 ** -registers[i]!;
    if (registers[i] === 0) zeros += 1;
  }
  const alpha = 0.7213 / (1 + 1.079 / M);
  let estimate = (alpha * M * M) / sum;
  if (estimate <= 2.5 * M && zeros > 0) estimate = M * Math.log(M / zeros);
  return { count: Math.round(estimate), exact: false };
}
