import { parseArgs } from 'node:util';
import { defaultDataDir, ipSources } from '../../signals/ip.js';
import { updateDatasets, type SourceUpdateResult } from '../../signals/ip/update.js';
import { CliUsageError, type CliCommand } from '../io.js';

const usage = `Usage:
  partnerguard datasets update [--dir <data dir>] [--json] [--timeout <ms>] [--only <id,…>]

Downloads the official IP lists (cloud providers, verified crawlers, iCloud Private
Relay, Tor exits, VPN and datacenter lists) into <data dir>/ip/, which classifyIp and
\`partnerguard ip\` read. Default data dir: $PARTNERGUARD_DATA_DIR, else
$XDG_CACHE_HOME/partnerguard, else ~/.cache/partnerguard. Each file is replaced only when
its download completed within limits and parsed; manifest.json records its SHA-256.
Prints one line per source; exit 1 if any source failed (the others are still updated).`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        dir: { type: 'string' },
        timeout: { type: 'string' },
        only: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function line(r: SourceUpdateResult, width: number): string {
  if (!r.ok) return `FAIL  ${r.id.padEnd(width)}  ${(r.error ?? 'failed').replace(/\s+/gu, ' ')}\n`;
  const size = (r.bytes ?? 0) >= 1024 * 1024 ? `${((r.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil((r.bytes ?? 0) / 1024)} KB`;
  return `ok    ${r.id.padEnd(width)}  ${size.padStart(8)}  ${String(r.entries ?? 0).padStart(6)} entries  sha256 ${(r.sha256 ?? '').slice(0, 16)}  ${r.ms} ms\n`;
}

/** `partnerguard datasets update`: fetch the IP lists into the cache directory. */
export const datasetsCommand: CliCommand = {
  name: 'datasets',
  summary: 'download the official IP lists into the cache directory',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args);
    if (positionals.length !== 1 || positionals[0] !== 'update') throw new CliUsageError('usage: partnerguard datasets update [--dir <data dir>] [--json]');
    let timeoutMs: number | undefined;
    if (values.timeout !== undefined) {
      timeoutMs = Number(values.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new CliUsageError(`--timeout must be a positive number of milliseconds, got "${values.timeout}"`);
    }
    let sources = ipSources();
    if (values.only !== undefined) {
      const wanted = new Set(values.only.split(',').map((s) => s.trim()));
      const unknown = [...wanted].filter((id) => !sources.some((s) => s.id === id));
      if (unknown.length > 0) throw new CliUsageError(`unknown source id(s): ${unknown.join(', ')}. Known: ${sources.map((s) => s.id).join(', ')}`);
      sources = sources.filter((s) => wanted.has(s.id));
    }
    const dir = values.dir ?? defaultDataDir();
    const run = await updateDatasets({ dir, sources, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const width = Math.max(...run.results.map((r) => r.id.length));
    for (const r of run.results) io.stdout.write(values.json ? `${JSON.stringify(r)}\n` : line(r, width));
    const failed = run.results.filter((r) => !r.ok).length;
    if (!values.json) io.stderr.write(`${run.results.length - failed} of ${run.results.length} sources updated in ${run.dir}\n`);
    return failed > 0 ? 1 : 0;
  },
};
