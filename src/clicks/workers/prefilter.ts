/**
 * Splits an NDJSON byte stream into one stream per worker shard, so that each worker parses
 * only its own partners' rows and the file is read (and decompressed, and searched) once.
 *
 * Each line's partner id is read with one anchored pattern, without parsing the line. A
 * shard's stream carries its own lines byte for byte and an empty line for every other
 * shard's: the reader skips blank lines but still counts them in its line numbers, so every
 * row keeps its physical line number and verdicts and rejects stay byte-identical to a
 * single-thread scan. A line whose partner cannot be read that way (the key missing or
 * repeated, an empty value a reader default may fill, any `\u` escape in the line — the only
 * way to spell the key differently —, a malformed row) goes to every shard and is decided
 * after parsing, as without the split; its reject, if any, belongs to shard 0 (see
 * {@link LineOwners}).
 *
 * @module
 */
import { HASH32_BASIS, hash32Finish, hash32Step, shardOf } from '../hash.js';

/** Which shard counts the reject of a given line: filled from the splitter's `shared` lists, read (in order) by the scan. */
export class LineOwners {
  // Line numbers kept by every shard, in increasing order; consumed as the scan passes them,
  // so the queue holds only the lines between the splitter and the reader.
  private readonly shared: number[] = [];
  private head = 0;

  /** @internal Records a line kept by every shard. */
  addShared(line: number): void {
    this.shared.push(line);
  }

  /** True when `line` was kept by every shard (its reject then belongs to shard 0). Call with increasing lines. */
  isShared(line: number): boolean {
    while (this.head < this.shared.length && this.shared[this.head]! < line) this.head += 1;
    if (this.head > 4096) {
      this.shared.splice(0, this.head);
      this.head = 0;
    }
    return this.shared[this.head] === line;
  }
}

/** What one chunk of input becomes: a piece of each shard's stream, and the lines every shard keeps. */
export interface ShardedChunk {
  /** One piece per shard, in shard order; each owns its ArrayBuffer, so it can be transferred to a worker. */
  readonly parts: Buffer[];
  /** Line numbers, ascending, that every shard keeps (their owner is decided after parsing). */
  readonly shared: number[];
}

/** The ASCII characters `\s` matches: tab, newline, vertical tab, form feed, carriage return, space. */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** `shardOf` of the ASCII text in `data[from…to)`, or -1 when a byte is not ASCII (then the text decides). */
export function asciiShard(data: Uint8Array, from: number, to: number, shards: number): number {
  let h = HASH32_BASIS;
  for (let i = from; i < to; i += 1) {
    const c = data[i]!;
    if (c >= 0x80) return -1;
    h = hash32Step(h, c);
  }
  return shards <= 1 ? 0 : hash32Finish(h) % shards;
}

/** A copy of `bytes` in memory of its own (never Node's shared pool), so it can be transferred. */
function owned(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** A line every shard keeps. */
const SHARED = -1;

// `\u`: a line with a unicode escape may name the key a second time in a spelling the byte
// search cannot see (`"partner\u0049d"`), and JSON.parse keeps the last one.
const UNICODE_ESCAPE = Buffer.from('\\u', 'latin1');

// A line longer than this is not buffered: it is passed to every shard as a shared line, so
// the reader applies its own length limit to it exactly as without the split.
const MAX_BUFFERED = 4 << 20;

/**
 * Splits decompressed NDJSON chunks into per-shard streams. `key` is the JSON key holding the
 * partner id (the mapped column, default `partnerId`). Feed every chunk to {@link push}, in
 * order, then call {@link end} once.
 */
export class LineSharder {
  private readonly quotedKey: string;
  private readonly keyBytes: Buffer;
  // The value is a plain string (no escapes) or a number; anything else is left to the parser.
  private readonly pattern: RegExp;
  private rest: Buffer = Buffer.alloc(0);
  private line = 0;
  private passing = false;
  // The uniqueness check searches on past the line and usually stops at the next line's key:
  // that position is kept (with its buffer) so the next line needs no search of its own.
  private nextData: Buffer | undefined;
  private nextAt = -1;
  // Where the next `\u` in `escapeData` is (-1: none), searched once per chunk, not per line.
  private escapeData: Buffer | undefined;
  private escapeAt = -1;
  // Shard of a non-ASCII partner id, memoised: a file has few partners and many lines.
  private readonly owners = new Map<string, number>();

  /** @param key - the JSON key of the partner id. @param shards - the number of shards. */
  constructor(
    key: string,
    private readonly shards: number,
  ) {
    this.quotedKey = `"${key}"`;
    this.keyBytes = Buffer.from(this.quotedKey, 'utf8');
    this.pattern = new RegExp(`${escapeForPattern(this.quotedKey)}\\s*:\\s*(?:"([^"\\\\]*)"|(-?\\d+(?:\\.\\d+)?)(?=\\s*[,}]))`, 'u');
  }

  /** Splits one chunk; a line cut by the chunk's end is held back until the next. */
  push(chunk: Buffer): ShardedChunk {
    const shared: number[] = [];
    let data = chunk;
    const pieces: Buffer[] = [];
    if (this.passing) {
      // The rest of an over-long line: every shard reads (and rejects) it.
      const nl = data.indexOf(10);
      if (nl === -1) return { parts: this.everyShard(data), shared };
      pieces.push(data.subarray(0, nl + 1));
      this.passing = false;
      data = data.subarray(nl + 1);
    }
    if (this.rest.length > 0) data = Buffer.concat([this.rest, data]);
    const head = pieces[0]?.length ?? 0;
    const outs = Array.from({ length: this.shards }, () => Buffer.allocUnsafeSlow(head + data.length));
    const used = new Array<number>(this.shards).fill(head);
    if (head > 0) for (const out of outs) pieces[0]!.copy(out, 0);
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      let owner = this.decideBytes(data, start, nl);
      if (owner === undefined) owner = this.decideText(data.toString('utf8', start, nl));
      if (owner === SHARED) shared.push(this.line);
      for (let s = 0; s < this.shards; s += 1) {
        // Owned lines are copied byte for byte, other shards' lines become bare newlines.
        if (owner === s || owner === SHARED) used[s]! += data.copy(outs[s]!, used[s], start, nl);
        outs[s]![used[s]!++] = 10;
      }
      start = nl + 1;
    }
    this.rest = data.subarray(start);
    const parts = outs.map((out, s) => out.subarray(0, used[s]));
    if (this.rest.length > MAX_BUFFERED) {
      this.line += 1;
      shared.push(this.line);
      const long = this.rest;
      this.rest = Buffer.alloc(0);
      this.passing = true;
      return { parts: parts.map((p) => owned(Buffer.concat([p, long]))), shared };
    }
    return { parts, shared };
  }

  /** The last line when the input does not end with a newline. */
  end(): ShardedChunk {
    const shared: number[] = [];
    if (this.rest.length === 0) return { parts: this.everyShard(Buffer.alloc(0)), shared };
    const owner = this.decideText(this.rest.toString('utf8'));
    if (owner === SHARED) shared.push(this.line);
    const last = this.rest;
    this.rest = Buffer.alloc(0);
    return { parts: Array.from({ length: this.shards }, (_, s) => owned(owner === s || owner === SHARED ? last : Buffer.alloc(0))), shared };
  }

  /** Whether `data[start…end)` holds a `\u`; positions are searched forward once per buffer. */
  private hasEscape(data: Buffer, start: number, end: number): boolean {
    if (this.escapeData !== data || (this.escapeAt !== -1 && this.escapeAt < start)) {
      this.escapeData = data;
      this.escapeAt = data.indexOf(UNICODE_ESCAPE, start);
    }
    return this.escapeAt !== -1 && this.escapeAt < end;
  }

  private everyShard(bytes: Buffer): Buffer[] {
    return Array.from({ length: this.shards }, () => owned(bytes));
  }

  /** The owner of a decoded line, by the pattern; SHARED when it cannot be told without parsing. */
  private decideText(text: string): number {
    this.line += 1;
    const m = this.pattern.exec(text);
    // A second occurrence of the key (nested, duplicated or escaped) could be the one JSON.parse keeps.
    if (m === null || text.indexOf(this.quotedKey, m.index + this.quotedKey.length) !== -1 || text.includes('\\u')) return SHARED;
    // An empty id is filled by a reader default (or rejected) only after parsing.
    if (m[1] === '') return SHARED;
    return shardOf(m[1] ?? String(Number(m[2])), this.shards);
  }

  /**
   * {@link decideText} on the bytes of one line (`start`…`end`, without the newline) for the
   * common shape — the key once, ASCII blanks around the colon, a plain string value — so
   * most lines are never decoded; undefined leaves the line to `decideText`, which gives the
   * same answer as the pattern on the decoded text would.
   */
  private decideBytes(data: Buffer, start: number, end: number): number | undefined {
    const keyBytes = this.keyBytes;
    const at = this.nextData === data && this.nextAt >= start ? this.nextAt : data.indexOf(keyBytes, start);
    if (at === -1 || at + keyBytes.length > end) return undefined;
    let i = at + keyBytes.length;
    while (i < end && isBlank(data[i]!)) i += 1;
    if (data[i] !== 58) return undefined;
    i += 1;
    while (i < end && isBlank(data[i]!)) i += 1;
    if (data[i] !== 34) return undefined;
    const from = i + 1;
    i = from;
    while (i < end && data[i] !== 34 && data[i] !== 92) i += 1;
    if (i >= end || data[i] !== 34 || i === from || this.hasEscape(data, start, end)) return undefined;
    // As `decideText`: any later occurrence of the key, searched from right after the first (the value may itself be the key).
    const again = data.indexOf(keyBytes, at + keyBytes.length);
    this.nextData = data;
    this.nextAt = again;
    if (again !== -1 && again + keyBytes.length <= end) return undefined;
    this.line += 1;
    // An ASCII id hashes the same from its bytes as from its UTF-16 text: no string per line.
    const ascii = asciiShard(data, from, i, this.shards);
    if (ascii !== -1) return ascii;
    const id = data.toString('utf8', from, i);
    let owner = this.owners.get(id);
    if (owner === undefined) {
      owner = shardOf(id, this.shards);
      this.owners.set(id, owner);
    }
    return owner;
  }
}
