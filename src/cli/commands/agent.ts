import { parseArgs } from 'node:util';
import { classifyUserAgent, type AgentInfo } from '../../signals/user-agent.js';
import { CliUsageError, type CliCommand } from '../io.js';
import { assertStdinOnce, stdinLines, tooLongReporter } from '../stdin-lines.js';

const usage = `Usage:
  partnerguard agent <user-agent…> [--json] [--as-of <date>]
  partnerguard agent - [--json] [--as-of <date>]    read one user agent per line from stdin

Prints the kind (browser, bot, unknown), the bot's category and name, the claimed
browser and OS, and the suspicion signals. --as-of sets the reference date for
"outdated browser" (default: the date of the bundled release table, never the clock).
Quote each user agent: it contains spaces.`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, 'as-of': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

function row(input: string, info: AgentInfo, json: boolean): string {
  if (json) return `${JSON.stringify({ input, ...info })}\n`;
  const what = info.bot === undefined ? info.kind : `bot ${info.bot.category}: ${info.bot.name}`;
  const browser = [info.browser.name, info.browser.major].filter((x) => x !== undefined).join(' ') || '-';
  const os = [info.os.name, info.os.version].filter((x) => x !== undefined).join(' ') || '-';
  const signals = info.signals.length === 0 ? '-' : info.signals.map((s) => `${s.id}(${s.check})`).join(', ');
  // Control characters from hostile input must not reach the terminal.
  const shown = JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input);
  return `${shown}\n  ${safe(what).padEnd(40)}  ${safe(browser).padEnd(20)}  ${safe(os).padEnd(16)}  ${signals}\n`;
}

function safe(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** `partnerguard agent`: classify user agents from arguments or stdin. */
export const agentCommand: CliCommand = {
  name: 'agent',
  summary: 'classify user agents: browser or bot (category, name), suspicion signals',
  usage,
  async run(args, io) {
    const { values, positionals } = parse(args);
    if (positionals.length === 0) throw new CliUsageError('agent needs at least one user agent, or - to read stdin');
    const asOfText = values['as-of'];
    const asOf = asOfText === undefined ? undefined : Date.parse(asOfText);
    if (asOf !== undefined && Number.isNaN(asOf)) throw new CliUsageError(`--as-of: not a date: ${asOfText}`);
    const options = asOf === undefined ? undefined : { asOf };
    const emit = (input: string): void => {
      io.stdout.write(row(input, classifyUserAgent(input, undefined, options), values.json));
    };
    assertStdinOnce(positionals);
    const skipped = tooLongReporter(io, 'agent');
    for (const arg of positionals) {
      if (arg === '-') for await (const line of stdinLines(io, skipped.onTooLong)) emit(line);
      else emit(arg);
    }
    return skipped.count > 0 ? 1 : 0;
  },
};
