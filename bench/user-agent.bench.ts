// UAs per second: partnerguard's classifyUserAgent against isbot and plain ua-parser-js,
// on unique agents (every call a cache miss) and on a realistic repeated stream.
import { createRequire } from 'node:module';
import { isbot } from 'isbot';
import { createUserAgentClassifier } from '../src/signals/user-agent/classifier.js';
import { botCorpus, browserCorpus, weightedBrowsers } from '../test/fixtures/ua/corpus.js';
import { botSource, browserSource } from '../test/fixtures/ua/sources.js';

interface UAParserInstance {
  setUA(ua: string): UAParserInstance;
  getResult(): unknown;
}
const UAParser = createRequire(import.meta.url)('ua-parser-js') as new (ua?: string) => UAParserInstance;

// `--stream N` and `--rounds N` shrink a run (a shared machine); defaults are the README's figures.
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  const value = at > 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const ROUNDS = arg('--rounds', 7);
const STREAM = arg('--stream', 2_000_000);

// Unique agents: the browser and bot corpora plus the held-out sources (user-agents.org's list
// and user-agent-array), so the generic grammar's paths are timed as well as the named lists'.
const unique = [...new Set([...browserCorpus(), ...botCorpus().map((b) => b.ua), ...botSource('user-agents.org').map((b) => b.ua), ...browserSource('user-agent-array')])];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// A stream the way a click log looks: browsers by the user-agents package's traffic weights,
// 5% bots; rebuilt through one big string so each entry is its own string object, as when
// parsed from a file (no pre-computed hashes shared with the cache keys).
function stream(length: number): string[] {
  const rows = weightedBrowsers();
  const total = rows.reduce((s, r) => s + r.weight, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const r of rows) cumulative.push((acc += r.weight / total));
  const bots = botCorpus().map((b) => b.ua).slice(0, 300);
  const rand = seeded(42);
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    if (rand() < 0.05) {
      out.push(bots[Math.floor(rand() * bots.length)] as string);
      continue;
    }
    const x = rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    out.push((rows[lo] as { ua: string }).ua);
  }
  return out.join('\n').split('\n');
}

function rate(name: string, items: readonly string[], rounds: number, fn: (ua: string) => unknown, before?: () => void): number {
  let best = 0;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    before?.();
    const start = process.hrtime.bigint();
    for (const ua of items) if (fn(ua)) sink++;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, items.length / seconds);
  }
  process.stdout.write(`  ${name.padEnd(44)} ${Math.round(best).toLocaleString('en-US').padStart(12)} UAs/s${sink < 0 ? '' : ''}\n`);
  return best;
}

process.stdout.write(`unique agents: ${unique.length} (every call a cache miss: a fresh classifier per round)\n`);
let classifier = createUserAgentClassifier();
classifier.classify('warm-up compiles the patterns');
const ours = rate('partnerguard classifyUserAgent', unique, ROUNDS, (ua) => classifier.classify(ua), () => {
  classifier = createUserAgentClassifier();
  classifier.classify('warm-up compiles the patterns');
});
const parserNew = rate('ua-parser-js new UAParser(ua).getResult()', unique, ROUNDS, (ua) => new UAParser(ua).getResult());
const reused = new UAParser();
const parserReused = rate('ua-parser-js reused parser .getResult()', unique, ROUNDS, (ua) => reused.setUA(ua).getResult());
const isbotUnique = rate('isbot', unique, ROUNDS, (ua) => isbot(ua));
process.stdout.write(`  ratio partnerguard / ua-parser-js (new):    ${(ours / parserNew).toFixed(2)}×\n`);
process.stdout.write(`  ratio partnerguard / ua-parser-js (reused): ${(ours / parserReused).toFixed(2)}×\n`);
process.stdout.write(`  ratio partnerguard / isbot:                 ${(ours / isbotUnique).toFixed(2)}×\n`);

// Where the time goes: a bot's browser, OS and device are parsed only when read, so split the
// corpus by kind, and show the cost when the caller reads every part of every answer.
const fresh = (): void => {
  classifier = createUserAgentClassifier();
  classifier.classify('warm-up compiles the patterns');
};
const browsersOnly = browserCorpus();
const botsOnly = botCorpus().map((b) => b.ua);
process.stdout.write(`\nunique agents by kind: ${browsersOnly.length} browsers, ${botsOnly.length} bots\n`);
const oursBrowsers = rate('partnerguard, browsers', browsersOnly, ROUNDS, (ua) => classifier.classify(ua), fresh);
const parserBrowsers = rate('ua-parser-js reused, browsers', browsersOnly, ROUNDS, (ua) => reused.setUA(ua).getResult());
const oursBots = rate('partnerguard, bots', botsOnly, ROUNDS, (ua) => classifier.classify(ua), fresh);
const parserBots = rate('ua-parser-js reused, bots', botsOnly, ROUNDS, (ua) => reused.setUA(ua).getResult());
const oursAllParts = rate('partnerguard, all agents, every part read', unique, ROUNDS, (ua) => {
  const info = classifier.classify(ua);
  return info.browser.name ?? info.os.name ?? info.device.type ?? info.kind;
}, fresh);
process.stdout.write(`  ratio on browsers / ua-parser-js (reused):  ${(oursBrowsers / parserBrowsers).toFixed(2)}×\n`);
process.stdout.write(`  ratio on bots / ua-parser-js (reused):      ${(oursBots / parserBots).toFixed(2)}×\n`);
process.stdout.write(`  ratio every part read / ua-parser-js:       ${(oursAllParts / parserReused).toFixed(2)}×\n`);

// Hostile agents at the 512-character cap: repeated grammar words inside one word, many "@",
// many "compatible;" clauses. Linear scans keep these near the rate of ordinary agents.
const hostile = [
  'crawl'.repeat(103),
  `Mozilla/5.0 (${'a@b.cc@'.repeat(70)})`,
  `Mozilla/5.0 ${'(compatible; X/1.0) '.repeat(25)}`,
  `${'x'.repeat(500)}bot`,
].map((ua, i) => Array.from({ length: 500 }, (_, k) => `${ua.slice(0, 500)}${i}-${k}`)).flat();
process.stdout.write(`\nhostile agents: ${hostile.length} unique, up to 512 characters\n`);
rate('partnerguard, hostile agents', hostile, ROUNDS, (ua) => classifier.classify(ua), fresh);
rate('ua-parser-js reused, hostile agents', hostile, ROUNDS, (ua) => reused.setUA(ua).getResult());

const repeated = stream(STREAM);
process.stdout.write(`\nrepeated stream: ${repeated.length.toLocaleString('en-US')} agents, ${new Set(repeated).size} distinct (weighted real browsers + 5% bots)\n`);
const warm = createUserAgentClassifier();
const oursStream = rate('partnerguard classifyUserAgent (cached)', repeated, Math.min(5, ROUNDS), (ua) => warm.classify(ua));
const isbotStream = rate('isbot', repeated, Math.min(3, ROUNDS), (ua) => isbot(ua));
const parserStream = rate('ua-parser-js reused parser .getResult()', repeated.slice(0, Math.min(200_000, STREAM)), 2, (ua) => reused.setUA(ua).getResult());
process.stdout.write(`  ratio partnerguard / isbot:                 ${(oursStream / isbotStream).toFixed(2)}×\n`);
process.stdout.write(`  ratio partnerguard / ua-parser-js (reused): ${(oursStream / parserStream).toFixed(2)}×\n`);
process.stdout.write(`  targets: unique ≥ ua-parser-js alone: ${ours >= parserReused ? 'met' : 'MISSED'}; repeated ≥ 5M/s: ${oursStream >= 5e6 ? 'met' : 'MISSED'}\n`);
