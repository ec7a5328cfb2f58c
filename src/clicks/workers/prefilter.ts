/**
 * Lets a worker skip parsing other shards' rows of an NDJSON file.
 *
 * Each line's partner id is read with one anchored pattern, without parsing the line. Lines
 * owned by another shard become empty lines: the reader skips blank lines but still counts
 * them in its line numbers, so every row keeps its physical line number and verdicts and
 * rejects stay byte-identical to a single-thread scan. A line whose partner cannot be read
 * that way (the key missing, escaped or repeated, a malformed row) is kept by every shard and
 * decided after parsing, as without the prefilter; its reject, if any, belongs to shard 0.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { HASH32_BASIS, hash32Finish, hash32Step, shardOf } from '../hash.js';

/** Which shard counts the reject of a given line: filled by the prefilter, read (in order) by the scan. */
export class LineOwners {
  // Line numbers kept by every shard, in increasing order; consumed as the scan passes them,
  // so the queue holds only the lines between the prefilter and the reader.
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

const NEWLINE = Buffer.from('\n');

/** The ASCII characters `\s` matches: tab, newline, vertical tab, form feed, carriage return, space. */
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function escapeForPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
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

/**
 * The bytes of `path` (decompressed) with other shards' lines emptied. `key` is the JSON key
 * holding the partner id (the mapped column, default `partnerId`).
 */
export async function* ownedLines(path: string, key: string, shard: number, shards: number, owners: LineOwners): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const input = (await isGzipFile(path)) ? raw.pipe(createGunzip()) : raw;
  const quotedKey = `"${key}"`;
  // The value is a plain string (no escapes) or a number; anything else is left to the parser.
  const pattern = new RegExp(`${escapeForPattern(quotedKey)}\\s*:\\s*(?:"([^"\\\\]*)"|(-?\\d+(?:\\.\\d+)?)(?=\\s*[,}]))`, 'u');
  const keyBytes = Buffer.from(quotedKey, 'utf8');
  let rest: Buffer = Buffer.alloc(0);
  let line = 0;
  const decide = (text: string): string => {
    line += 1;
    const m = pattern.exec(text);
    // A second occurrence of the key (nested or duplicated) could be the one JSON.parse keeps.
    if (m === null || text.indexOf(quotedKey, m.index + quotedKey.length) !== -1) {
      owners.addShared(line);
      return text;
    }
    const id = m[1] ?? String(Number(m[2]));
    return shardOf(id, shards) === shard ? text : '';
  };
  // Shard of a partner id, memoised: a file has few partners and many lines.
  const owners1 = new Map<string, boolean>();
  const ownsId = (id: string): boolean => {
    let mine = owners1.get(id);
    if (mine === undefined) {
      mine = shardOf(id, shards) === shard;
      owners1.set(id, mine);
    }
    return mine;
  };
  // The uniqueness check below searches on past the line and usually stops at the next
  // line's key: that position is kept (with its buffer) so the next line needs no search of its own.
  let nextData: Buffer | undefined;
  let nextAt = -1;
  /**
   * `decide` on the bytes of one line (`start`…`end`, without the newline) for the common
   * shape — the key once, ASCII blanks around the colon, a plain string value — so most
   * lines are never decoded here: 1 owned, 0 another shard's; -1 leaves the line to `decide`,
   * which gives the same answer as the pattern on the decoded text would.
   */
  const decideBytes = (data: Buffer, start: number, end: number): number => {
    const at = nextData === data && nextAt >= start ? nextAt : data.indexOf(keyBytes, start);
    if (at === -1 || at + keyBytes.length > end) return -1;
    let i = at + keyBytes.length;
    while (i < end && isBlank(data[i]!)) i += 1;
    if (data[i] !== 58) return -1;
    i += 1;
    while (i < end && isBlank(data[i]!)) i += 1;
    if (data[i] !== 34) return -1;
    const from = i + 1;
    i = from;
    while (i < end && data[i] !== 34 && data[i] !== 92) i += 1;
    if (i >= end || data[i] !== 34) return -1;
    // As `decide`: any later occurrence of the key, searched from right after the first (the value may itself be the key).
    const again = data.indexOf(keyBytes, at + keyBytes.length);
    nextData = data;
    nextAt = again;
    if (again !== -1 && again + keyBytes.length <= end) return -1;
    line += 1;
    // An ASCII id hashes the same from its bytes as from its UTF-16 text: no string per line.
    const shardHere = asciiShard(data, from, i, shards);
    if (shardHere !== -1) return shardHere === shard ? 1 : 0;
    return ownsId(data.toString('utf8', from, i)) ? 1 : 0;
  };
  // A line longer than this is not buffered: it is passed through as a shared line, so the
  // reader applies its own length limit to it exactly as without the prefilter.
  const maxBuffered = 4 << 20;
  let passing = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let data: Buffer = chunk;
    if (passing) {
      const nl = data.indexOf(10);
      if (nl === -1) {
        yield data;
        continue;
      }
      yield data.subarray(0, nl + 1);
      passing = false;
      data = data.subarray(nl + 1);
    }
    if (rest.length > 0) data = Buffer.concat([rest, data]);
    // Owned lines are copied byte for byte, other shards' lines become bare newlines.
    const out = Buffer.allocUnsafe(data.length);
    let used = 0;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      const fast = decideBytes(data, start, nl);
      if (fast === 1) used += data.copy(out, used, start, nl);
      else if (fast === -1) {
        const text = decide(data.toString('utf8', start, nl));
        if (text !== '') {
          const bytes = Buffer.from(text, 'utf8');
          // Decoding replaced invalid bytes: the text may be longer than the line was.
          if (used + bytes.length + 1 > out.length) {
            if (used > 0) yield Buffer.from(out.subarray(0, used));
            used = 0;
            yield Buffer.concat([bytes, NEWLINE]);
            start = nl + 1;
            continue;
          }
          used += bytes.copy(out, used);
        }
      }
      out[used++] = 10;
      start = nl + 1;
    }
    rest = data.subarray(start);
    if (used > 0) yield out.subarray(0, used);
    if (rest.length > maxBuffered) {
      line += 1;
      owners.addShared(line);
      yield rest;
      rest = Buffer.alloc(0);
      passing = true;
    }
  }
  if (rest.length > 0) yield Buffer.from(decide(rest.toString('utf8')), 'utf8');
}
