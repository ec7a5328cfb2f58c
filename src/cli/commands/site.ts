import { parseArgs } from 'node:util';
import { loadRuleSet, screenSite } from '../../builtin.js';
import { findChromium } from '../../site/render/locate.js';
import type { SiteReport } from '../../site/screen-site.js';
import { CliUsageError, type CliCommand, type CliIO } from '../io.js';

const usage = `Usage:
  partnerguard site <url…> [options]    screen applicant sites; one table row (or NDJSON line) per URL

Options:
  --rules <name|path>        rule set (default: onboarding)
  --json                     one JSON report per line (NDJSON), in argument order
  --concurrency <n>          sites screened at once (default 4, max 64)
  --probe                    probe auto-loaded affiliate URLs for cookies set without a click
  --cloaking                 fetch again as a search crawler and compare
  --render                   also load each page in headless Chromium (PARTNERGUARD_CHROMIUM or chromium
                             on PATH; needs puppeteer-core 24) and record what it requests unclicked
  --deadline <ms>            overall time budget per site (default 30000)
  --allow-private-network    allow private and loopback targets (never for untrusted URLs)
  --merchant <domain>        merchant domain (repeatable): links to it count as affiliate links
  --brand <term>             merchant brand term for typosquat detection (repeatable)

Exit status is 0 when every URL was screened (whatever the actions), 1 when the command failed.`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        rules: { type: 'string' },
        json: { type: 'boolean', default: false },
        concurrency: { type: 'string', default: '4' },
        probe: { type: 'boolean', default: false },
        cloaking: { type: 'boolean', default: false },
        render: { type: 'boolean', default: false },
        deadline: { type: 'string' },
        'allow-private-network': { type: 'boolean', default: false },
        merchant: { type: 'string', multiple: true, default: [] },
        brand: { type: 'string', multiple: true, default: [] },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function row(r: SiteReport): string {
  const top = r.hits
    .slice()
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .map((h) => `${h.rule.slice(5)}(${h.points})`)
    .join(' ');
  return `${r.action.padEnd(7)}  ${String(r.score).padStart(5)}  ${r.url}${r.finalUrl === r.url ? '' : ` -> ${r.finalUrl}`}  ${top}`;
}

/** `partnerguard site <url…>`. */
export const siteCommand: CliCommand = {
  name: 'site',
  summary: 'screen applicant sites for cookie stuffing and low quality (approve / review / reject)',
  usage,
  async run(args: string[], io: CliIO) {
    const { values, positionals } = parse(args);
    if (positionals.length === 0) throw new CliUsageError(`site needs at least one URL\n${usage}`);
    const concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new CliUsageError(`--concurrency must be an integer from 1 to 64, received "${values.concurrency}"`);
    const deadlineMs = values.deadline === undefined ? undefined : Number(values.deadline);
    if (deadlineMs !== undefined && (!Number.isInteger(deadlineMs) || deadlineMs < 1)) throw new CliUsageError(`--deadline must be a positive integer (ms), received "${values.deadline}"`);
    if (values.render && findChromium() === null) throw new CliUsageError('--render needs Chromium: install the chromium package or set PARTNERGUARD_CHROMIUM to its path');
    // Load once up front: a bad rule set fails the command before any request is made.
    const ruleSet = loadRuleSet(values.rules ?? 'onboarding');
    const options = {
      ruleSet,
      probe: values.probe,
      cloaking: values.cloaking,
      ...(values.render ? { render: true } : {}),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      merchantDomains: values.merchant,
      brandTerms: values.brand,
      ...(values['allow-private-network'] ? { allowPrivateNetwork: true } : {}),
    };
    const results: Array<SiteReport | undefined> = new Array(positionals.length);
    const progress = positionals.length > 1 && io.stderr.isTTY === true;
    let done = 0;
    let next = 0;
    let printed = 0;
    if (!values.json) io.stdout.write(`${'action'.padEnd(7)}  score  url  top hits\n`);
    // Print in argument order as soon as each prefix is complete, so output is deterministic.
    const flush = () => {
      while (printed < results.length && results[printed] !== undefined) {
        const r = results[printed]!;
        io.stdout.write(values.json ? `${JSON.stringify(r)}\n` : `${row(r)}\n`);
        printed += 1;
      }
    };
    const worker = async () => {
      while (next < positionals.length) {
        const i = next;
        next += 1;
        results[i] = await screenSite(positionals[i]!, options);
        done += 1;
        if (progress) io.stderr.write(`\rscreened ${done}/${positionals.length}`);
        flush();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, positionals.length) }, worker));
    if (progress) io.stderr.write('\n');
    return 0;
  },
};
