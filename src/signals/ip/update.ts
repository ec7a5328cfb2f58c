/**
 * Downloads the official IP lists into the cache directory that `classifyIp` reads.
 * Each source is fetched with a timeout and a size cap, checked to parse as its format,
 * written to a temporary file and renamed over the old one, and recorded with its
 * SHA-256 in `manifest.json`. One source failing never stops the others.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetch, type Dispatcher } from 'undici';
import { PartnerguardError, type PartnerguardErrorCode } from '../../engine/errors.js';
import { checkIpList, defaultDataDir, ipListDir, ipSources, type IpSource } from './data.js';

/** Options of {@link updateDatasets}. */
export interface UpdateDatasetsOptions {
  /** Data directory; lists go to its `ip/` folder. Default: `defaultDataDir()`. */
  readonly dir?: string;
  /** Sources to fetch. Default: every source in `datasets/ip-sources.json`. */
  readonly sources?: readonly IpSource[];
  /** undici dispatcher (proxy, custom TLS, mock agent). Default: undici's global dispatcher. */
  readonly dispatcher?: Dispatcher;
  /** Per-source time limit for the whole download, in milliseconds. Default 60,000. */
  readonly timeoutMs?: number;
  /** Per-source size cap in bytes, unless the source sets its own. Default 32 MiB. */
  readonly maxBytes?: number;
  /** Sources fetched at once. Default 4. */
  readonly concurrency?: number;
  /** Aborts every pending download. */
  readonly signal?: AbortSignal;
}

/** The outcome for one source. */
export interface SourceUpdateResult {
  /** Source id. */
  readonly id: string;
  /** URL fetched (after resolving a download page). */
  readonly url: string;
  /** Whether the cached file was replaced. */
  readonly ok: boolean;
  /** File written, when `ok`. */
  readonly file?: string;
  /** Bytes written, when `ok`. */
  readonly bytes?: number;
  /** SHA-256 (hex) of the bytes written, when `ok`. */
  readonly sha256?: string;
  /** Ranges or ASNs parsed from the file, when `ok`. */
  readonly entries?: number;
  /** What went wrong, when not `ok`; the previous file (if any) is kept. */
  readonly error?: string;
  /** Stable code of the failure: `FETCH_FAILED`, `LIMIT_EXCEEDED` or `INPUT_INVALID`. */
  readonly code?: PartnerguardErrorCode;
  /** Milliseconds spent on this source. */
  readonly ms: number;
}

/** The outcome of one {@link updateDatasets} run. */
export interface UpdateDatasetsResult {
  /** Folder the lists were written to. */
  readonly dir: string;
  /** True when every source updated. */
  readonly ok: boolean;
  /** One result per source, in source order. */
  readonly results: readonly SourceUpdateResult[];
  /** Path of the manifest written. */
  readonly manifest: string;
}

/** One source's record in `manifest.json`. */
export interface ManifestEntry {
  /** URL fetched. */
  readonly url: string;
  /** File name in the list folder. */
  readonly file: string;
  /** Bytes written. */
  readonly bytes: number;
  /** SHA-256 (hex) of the file. */
  readonly sha256: string;
  /** Ranges or ASNs parsed. */
  readonly entries: number;
  /** ISO time of the download. */
  readonly fetchedAt: string;
}

/** The `manifest.json` written next to the lists. */
export interface IpDataManifest {
  /** ISO time of the last run. */
  readonly updatedAt: string;
  /** Last successful download per source id. */
  readonly sources: Readonly<Record<string, ManifestEntry>>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
// The link on Microsoft's download page; its file name changes every week.
const AZURE_LINK = /https?:\/\/[\w.-]+(?::\d+)?\/[\w./-]*ServiceTags_Public_\d{8}\.json/u;

async function download(url: string, maxBytes: number, signal: AbortSignal, dispatcher: Dispatcher | undefined): Promise<Buffer> {
  let response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', ...(dispatcher === undefined ? {} : { dispatcher }) });
  } catch (error) {
    throw new PartnerguardError(`request to ${url} failed: ${describe(error, signal)}`, 'FETCH_FAILED', { cause: error });
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new PartnerguardError(`HTTP ${response.status} from ${url}`, 'FETCH_FAILED');
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new PartnerguardError(`${url} declares ${declared} bytes, over the ${maxBytes}-byte cap`, 'LIMIT_EXCEEDED');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new PartnerguardError(`${url} sent more than the ${maxBytes}-byte cap`, 'LIMIT_EXCEEDED');
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof PartnerguardError) throw error;
    throw new PartnerguardError(`reading ${url} failed: ${describe(error, signal)}`, 'FETCH_FAILED', { cause: error });
  }
  return Buffer.concat(chunks, total);
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') return 'timed out';
    return 'aborted';
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

async function writeAtomically(path: string, data: Buffer | string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function updateOne(source: IpSource, listDir: string, options: UpdateDatasetsOptions): Promise<SourceUpdateResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = source.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signals = [AbortSignal.timeout(timeoutMs)];
  if (options.signal !== undefined) signals.push(options.signal);
  const signal = AbortSignal.any(signals);
  let url = source.url;
  try {
    if (source.resolve === 'azure-download-page') {
      const page = (await download(url, 4 * 1024 * 1024, signal, options.dispatcher)).toString('utf8');
      const link = AZURE_LINK.exec(page);
      if (link === null) throw new PartnerguardError(`no ServiceTags_Public_*.json link found on ${url}`, 'FETCH_FAILED');
      url = new URL(link[0], url).href;
    }
    const body = await download(url, maxBytes, signal, options.dispatcher);
    const counts = checkIpList(body.toString('utf8'), source.format, source.id);
    const sha256 = createHash('sha256').update(body).digest('hex');
    await writeAtomically(join(listDir, source.file), body);
    return { id: source.id, url, ok: true, file: source.file, bytes: body.byteLength, sha256, entries: counts.entries, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const code = error instanceof PartnerguardError ? error.code : 'FETCH_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    return { id: source.id, url, ok: false, error: message, code, ms: Math.round(performance.now() - started) };
  }
}

async function readManifest(path: string): Promise<IpDataManifest | undefined> {
  try {
    const doc = JSON.parse(await readFile(path, 'utf8')) as Partial<IpDataManifest>;
    return typeof doc.sources === 'object' && doc.sources !== null ? { updatedAt: String(doc.updatedAt), sources: doc.sources } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches every IP list source into `<dir>/ip/`, replacing each file only when the new
 * download arrived whole, within its limits, and parses as its format. Never rejects
 * for a failing source: look at `results[].ok` and `error`.
 *
 * @example
 * ```ts
 * const run = await updateDatasets({ dir: '/var/cache/partnerguard' });
 * for (const r of run.results) console.log(r.id, r.ok ? r.sha256 : r.error);
 * loadIpData({ dir: '/var/cache/partnerguard' });
 * ```
 */
export async function updateDatasets(options: UpdateDatasetsOptions = {}): Promise<UpdateDatasetsResult> {
  const listDir = ipListDir(options.dir ?? defaultDataDir());
  await mkdir(listDir, { recursive: true });
  const sources = options.sources ?? ipSources();
  const results: SourceUpdateResult[] = new Array<SourceUpdateResult>(sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sources.length) {
      const i = next++;
      results[i] = await updateOne(sources[i]!, listDir, options);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, sources.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  const manifestPath = join(listDir, 'manifest.json');
  const previous = await readManifest(manifestPath);
  const now = new Date().toISOString();
  const entries: Record<string, ManifestEntry> = { ...previous?.sources };
  for (const r of results) {
    if (r.ok && r.file !== undefined && r.bytes !== undefined && r.sha256 !== undefined && r.entries !== undefined) {
      entries[r.id] = { url: r.url, file: r.file, bytes: r.bytes, sha256: r.sha256, entries: r.entries, fetchedAt: now };
    }
  }
  const manifest: IpDataManifest = { updatedAt: now, sources: entries };
  await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir: listDir, ok: results.every((r) => r.ok), results, manifest: manifestPath };
}
