import { parseArgs } from 'node:util';
import { classifyIp, configureIpData, type IpInfo } from '../../signals/ip.js';
import { CliUsageError, type CliCommand } from '../io.js';
import { assertStdinOnce, stdinLines, tooLongReporter } from '../stdin-lines.js';

const usage = `Usage:
  partnerguard ip <address…> [--json] [--dir <data dir>]
  partnerguard ip - [--json]        read one address per line from stdin

Prints scope (public, private, loopback…), network (crawler, relay, tor, vpn,
hosting, unknown), the crawler or provider name, and the ASN with its organisation.
Lists come from the data directory filled by \`partnerguard datasets update\`
(default $PARTNERGUARD_DATA_DIR, else ~/.cache/partnerguard); without it, hosting
providers are still recognised by ASN. Exit 1 if any input is not a valid address.`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, dir: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function row(input: string, info: IpInfo, json: boolean): string {
  if (json) return `${JSON.stringify({ input, ...info })}\n`;
  const shown = input.length > 45 ? `${input.slice(0, 42)}...` : input;
  if (!info.valid) return `${JSON.stringify(shown).padEnd(39)}  invalid (${info.reason})\n`;
  const cells = [
    info.address.padEnd(39),
    info.scope.padEnd(17),
    info.network.padEnd(7),
    (info.name ?? '-').padEnd(26),
    info.asn === undefined ? '-' : `AS${info.asn} ${info.org ?? ''}`.trim(),
  ];
  return `${cells.join('  ')}\n`;
}

/** `partnerguard ip`: classify IP addresses from arguments or stdin. */
export const ipCommand: CliCommand = {
  name: 'ip',
  summary: 'classify IP addresses: scope, crawler/relay/Tor/VPN/hosting, ASN',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args);
    if (positionals.length === 0) throw new CliUsageError('ip needs at least one address, or - to read stdin');
    if (values.dir !== undefined) configureIpData({ dir: values.dir });
    let invalid = 0;
    const emit = (input: string): void => {
      const info = classifyIp(input);
      if (!info.valid) invalid++;
      io.stdout.write(row(input, info, values.json));
    };
    assertStdinOnce(positionals);
    const skipped = tooLongReporter(io, 'ip');
    for (const arg of positionals) {
      if (arg === '-') {
        for await (const line of stdinLines(io, skipped.onTooLong)) {
          const trimmed = line.trim();
          if (trimmed !== '') emit(trimmed);
        }
      } else emit(arg);
    }
    return invalid > 0 || skipped.count > 0 ? 1 : 0;
  },
};
