import { parseArgs } from 'node:util';
import { setOwn } from '../../shared/own-property.js';
import { escapeInvisible } from '../../engine/printable.js';
import { scanClicks } from '../../builtin.js';
import { assertOutputsApart, claimOutputFile, writeOutputFile } from '../../clicks/output-file.js';
import { scanInputs } from '../../clicks/scan/options.js';
import type { PartnerReport, ScanReport } from '../../clicks/scan/report.js';
import { CliUsageError, type CliCommand, type CliIO } from '../io.js';

const usage = `Usage:
  partnerguard clicks <file> [--conversions <file>] [--partners <file>] [--map field=column …]
                      [--conversion-map field=column …] [--rules traffic|path] [--out report.json] [--json]
                      [--rejects rejects.ndjson] [--verdicts verdicts.ndjson] [--workers N]

Scans a click file (NDJSON or CSV, optionally .gz) and scores every partner:
allow, review, cap (with a suggested daily cap) or block, with the evidence.

  --conversions <file>  conversions to join (attribution, click-to-conversion times)
  --partners <file>     partner metadata (JSON array or NDJSON): declared domains, joinedAt;
                        listed partners without traffic are reported as dormant
  --map field=column    map a canonical click field to your column (repeatable), e.g. --map ip=remote_addr
  --conversion-map field=column
                        the same for the conversion file (the click --map never applies to it)
  --rules <name|path>   rule set (default: traffic)
  --out <file>          write the full JSON report to a file
  --json                print the full JSON report on stdout instead of the table
  --all                 list every partner in the table (default: those not allowed, then a count)
  --rejects <file>      write rejected rows (with line numbers) as NDJSON
  --verdicts <file>     write one verdict per click as NDJSON
  --workers <N>         worker threads (sharded by partner; same report as 1)

Progress (rows, rows/s, rejects) goes to stderr when it is a terminal.`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        conversions: { type: 'string' },
        partners: { type: 'string' },
        map: { type: 'string', multiple: true },
        'conversion-map': { type: 'string', multiple: true },
        rules: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        rejects: { type: 'string' },
        verdicts: { type: 'string' },
        workers: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseMapping(entries: readonly string[] | undefined, flag: string): Record<string, string> | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  const mapping: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) throw new CliUsageError(`${flag} expects field=column, received "${entry}"`);
    setOwn(mapping, entry.slice(0, eq), entry.slice(eq + 1));
  }
  return mapping;
}

// Partner ids and rule messages come from the input: show them escaped, never raw.
function safe(text: string): string {
  return escapeInvisible(JSON.stringify(text).slice(1, -1));
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function rulesShort(p: PartnerReport): string {
  if (p.hits.length === 0) return p.status === 'dormant' ? '(dormant: no traffic)' : '-';
  return p.hits.map((h) => `${h.rule.slice(h.rule.indexOf('/') + 1)}(${h.points})`).join(' ');
}

/** Renders the partner table printed by default: partners not allowed, or all of them with `all`. */
export function renderTable(report: ScanReport, all = false): string {
  const t = report.totals;
  const lines = [
    `${report.period === null ? 'no clicks' : `${report.period.from} – ${report.period.to}`}   rule set ${report.ruleSet.id} ${report.ruleSet.version}`,
    `clicks: ${t.rows} rows, ${t.accepted} accepted, ${t.rejected} rejected; conversions: ${t.conversions} (${t.conversionsJoined} joined, ${t.conversionsRejected} rejected)`,
    `partners: ${t.partners} — block ${t.partnerActions.block}, cap ${t.partnerActions.cap}, review ${t.partnerActions.review}, allow ${t.partnerActions.allow}; dormant ${t.partnerStatus.dormant}, new ${t.partnerStatus.new}`,
    '',
  ];
  const shown = all ? report.partners : report.partners.filter((p) => p.action !== 'allow');
  const rows = shown.map((p) => [
    safe(p.partnerId),
    String(p.score),
    p.action + (p.cap === undefined ? '' : ` ≤${p.cap.dailyClicks}/d`),
    p.status,
    String(p.stats.clicks),
    String(p.stats.conversions),
    pct(p.stats.conversionRate.rate),
    safe(rulesShort(p)),
  ]);
  const header = ['partner', 'score', 'action', 'status', 'clicks', 'conv', 'CR', 'hits (points)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : i === 1 || (i >= 4 && i <= 6) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), ...rows.map(fmt));
  if (shown.length < report.partners.length) lines.push(`… and ${report.partners.length - shown.length} partners allowed (--all lists them)`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

/** `partnerguard clicks`: scan a click file and print the partner table. */
export const clicksCommand: CliCommand = {
  name: 'clicks',
  summary: 'scan a click file (+ conversions) and score every partner: allow, review, cap, block',
  usage,
  async run(args, io: CliIO) {
    const { values, positionals } = parse(args);
    if (positionals.length !== 1) throw new CliUsageError('clicks needs exactly one click file');
    const workers = values.workers === undefined ? 1 : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new CliUsageError(`--workers expects an integer from 1 to 64, received "${values.workers}"`);
    // Checked before the scan, which may take minutes: a bad --out path should not waste them.
    // Refused before anything is claimed: claiming truncates, and an output that names an
    // input would empty it before the scan reads it.
    const outputs = (['out', 'rejects', 'verdicts'] as const).flatMap((flag) => (values[flag] === undefined ? [] : [{ path: values[flag], what: `--${flag}` }]));
    assertOutputsApart(outputs, scanInputs(positionals[0]!, { conversions: values.conversions, partners: values.partners }).map((i) => ({ ...i, what: i.what === 'clicks' ? 'click' : `--${i.what}` })));
    if (values.out !== undefined) claimOutputFile(values.out, 'report');
    const tty = io.stderr.isTTY === true;
    const started = Date.now();
    let lastDraw = 0;
    const report = await scanClicks(positionals[0]!, {
      conversions: values.conversions,
      partners: values.partners,
      mapping: parseMapping(values.map, '--map'),
      conversionMapping: parseMapping(values['conversion-map'], '--conversion-map'),
      ruleSet: values.rules ?? 'traffic',
      rejects: values.rejects,
      verdicts: values.verdicts,
      workers,
      onProgress: tty
        ? (p) => {
            const now = Date.now();
            if (now - lastDraw < 200) return;
            lastDraw = now;
            const rate = Math.round(p.rows / Math.max(0.001, (now - started) / 1000));
            io.stderr.write(`\r${p.rows} rows  ${rate} rows/s  ${p.rejected} rejected   `);
          }
        : undefined,
    });
    if (tty) io.stderr.write(`\r${report.totals.rows} rows  ${report.timings.rowsPerSecond} rows/s  ${report.totals.rejected} rejected   \n`);
    if (values.out !== undefined) writeOutputFile(values.out, 'report', `${JSON.stringify(report, null, 2)}\n`);
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report, values.all));
    return 0;
  },
};
