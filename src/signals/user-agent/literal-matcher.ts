/**
 * A multi-literal matcher (Aho–Corasick compiled to a DFA over a folded ASCII alphabet).
 *
 * One pass over the input whatever the number of patterns, so matching thousands of bot
 * markers costs the same as one and cannot backtrack: hostile input is linear by construction.
 */

/** One literal to find. */
export interface LiteralPattern {
  /** The text to find; ASCII only, compared case-insensitively by the automaton. */
  readonly literal: string;
  /** Only a match at offset 0 counts. */
  readonly anchorStart: boolean;
  /** Only a match ending at the last character counts. */
  readonly anchorEnd: boolean;
  /** After the folded match, require the exact case as written. */
  readonly caseSensitive: boolean;
  /** Lower group wins first; within a group the match starting earliest wins, then the lower rank. */
  readonly group: number;
  /** Tie-break within a group at the same start offset: lower wins. */
  readonly rank: number;
  /** Only a match not preceded by an ASCII letter or digit counts. */
  readonly wordStart?: boolean;
  /** Only a match not followed by an ASCII letter or digit counts. */
  readonly wordEnd?: boolean;
}

/** A compiled matcher. */
export interface LiteralMatcher {
  /** Index (into the compiled list) of the best match in `text` (see `group`), or -1. */
  best(text: string): number;
  /** Indexes of every match in `text` (tests and diagnostics). */
  all(text: string): number[];
  /** Calls `onMatch` with the index and start offset of every accepted match, in text order. */
  each(text: string, onMatch: (index: number, start: number) => void): void;
  /** Number of automaton states (for memory reports). */
  readonly states: number;
}

/** Compiles the patterns; throws on a non-ASCII or empty literal, which is a data error. */
export function compileLiterals(patterns: readonly LiteralPattern[]): LiteralMatcher {
  // Fold the alphabet to the symbols the patterns use: every other character is symbol 0,
  // which leads back towards the root, so the table stays small.
  const symbolOf = new Uint8Array(128);
  let alphabet = 1;
  for (const p of patterns) {
    if (p.literal.length === 0) throw new TypeError('empty bot pattern');
    for (let i = 0; i < p.literal.length; i++) {
      const code = fold(p.literal.charCodeAt(i));
      if (code >= 128) throw new TypeError(`non-ASCII bot pattern: ${p.literal}`);
      if (symbolOf[code] === 0) {
        symbolOf[code] = alphabet++;
        if (alphabet > 255) throw new TypeError('bot pattern alphabet too large');
      }
    }
  }
  for (let c = 65; c <= 90; c++) symbolOf[c] = symbolOf[c + 32] ?? 0;

  const children: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  patterns.forEach((p, index) => {
    let node = 0;
    for (let i = 0; i < p.literal.length; i++) {
      const sym = symbolOf[fold(p.literal.charCodeAt(i))] ?? 0;
      const map = children[node] as Map<number, number>;
      let next = map.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        own.push([]);
        map.set(sym, next);
      }
      node = next;
    }
    (own[node] as number[]).push(index);
  });

  const states = children.length;
  const delta = new Int32Array(states * alphabet);
  const fail = new Int32Array(states);
  // Nearest state along the failure chain (itself included) that ends a pattern; -1 if none.
  const outLink = new Int32Array(states).fill(-1);
  const queue: number[] = [];
  for (let s = 0; s < alphabet; s++) {
    const next = (children[0] as Map<number, number>).get(s);
    if (next !== undefined) {
      delta[s] = next;
      queue.push(next);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const f = fail[node] as number;
    outLink[node] = (own[node] as number[]).length > 0 ? node : (outLink[f] as number);
    const map = children[node] as Map<number, number>;
    for (let s = 0; s < alphabet; s++) {
      const next = map.get(s);
      const viaFail = delta[f * alphabet + s] as number;
      if (next === undefined) {
        delta[node * alphabet + s] = viaFail;
      } else {
        delta[node * alphabet + s] = next;
        fail[next] = viaFail;
        queue.push(next);
      }
    }
  }

  const lengths = patterns.map((p) => p.literal.length);

  function accepts(index: number, text: string, end: number): boolean {
    const p = patterns[index] as LiteralPattern;
    const start = end - (lengths[index] as number) + 1;
    if (p.anchorStart && start !== 0) return false;
    if (p.anchorEnd && end !== text.length - 1) return false;
    if (p.caseSensitive && !text.startsWith(p.literal, start)) return false;
    if (p.wordStart === true && start > 0 && isAlnum(text.charCodeAt(start - 1))) return false;
    if (p.wordEnd === true && isAlnum(text.charCodeAt(end + 1))) return false;
    return true;
  }

  function scan(text: string, onMatch: (index: number, start: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = delta[state * alphabet + (code < 128 ? (symbolOf[code] as number) : 0)] as number;
      for (let out = outLink[state] as number; out > 0; out = outLink[fail[out] as number] as number) {
        for (const index of own[out] as number[]) if (accepts(index, text, i)) onMatch(index, i - (lengths[index] as number) + 1);
      }
    }
  }

  return {
    states,
    best(text) {
      let best = -1;
      let bestGroup = Infinity;
      let bestStart = Infinity;
      let bestRank = Infinity;
      scan(text, (index, start) => {
        const p = patterns[index] as LiteralPattern;
        const better =
          p.group < bestGroup ||
          (p.group === bestGroup && (start < bestStart || (start === bestStart && p.rank < bestRank)));
        if (better) {
          bestGroup = p.group;
          bestStart = start;
          bestRank = p.rank;
          best = index;
        }
      });
      return best;
    },
    all(text) {
      const found = new Set<number>();
      scan(text, (index) => found.add(index));
      return [...found];
    },
    each: scan,
  };
}

/** ASCII letter or digit (NaN past the end of the text is neither). */
export function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function fold(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}
