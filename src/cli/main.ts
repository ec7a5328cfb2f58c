import { createRequire } from 'node:module';
import { PartnerguardError } from '../engine/errors.js';
import { escapeInvisible } from '../engine/printable.js';
import { CliUsageError, type CliCommand, type CliIO } from './io.js';
import { agentCommand } from './commands/agent.js';
import { clicksCommand } from './commands/clicks.js';
import { datasetsCommand } from './commands/datasets.js';
import { ipCommand } from './commands/ip.js';
import { rulesCommand } from './commands/rules.js';
import { siteCommand } from './commands/site.js';

// One line per command, sorted by name.
const commands: readonly CliCommand[] = [agentCommand, clicksCommand, datasetsCommand, ipCommand, rulesCommand, siteCommand];

function version(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('../../package.json') as { version: string };
  return pkg.version;
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'partnerguard — fraud and partner-quality screening for affiliate programs',
    '',
    'Usage: partnerguard <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  --help, -h     show help (also after a command)',
    '  --version, -v  print the version',
    '',
    'Run `partnerguard <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments (without `node` and the script path).
 * Never throws: every failure becomes a one-line message on stderr and an exit code.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (command === undefined) {
    io.stderr.write(`partnerguard: unknown command "${first}". Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    return reportFailure(error, command.name, io);
  }
}

function reportFailure(error: unknown, name: string, io: CliIO): number {
  if (error instanceof CliUsageError) {
    io.stderr.write(`partnerguard ${name}: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof PartnerguardError) {
    io.stderr.write(`partnerguard ${name}: ${oneLine(error.message)}\n`);
    return 1;
  }
  // A bug, not an explained failure: still one line, but say so.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr.write(`partnerguard ${name}: internal error: ${oneLine(message)}\n`);
  if (process.env.PARTNERGUARD_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 1;
}

function oneLine(text: string): string {
  const flat = escapeInvisible(text.replace(/[\t\n\r ]+/gu, ' ').trim());
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
