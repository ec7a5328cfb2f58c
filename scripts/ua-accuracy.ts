// Held-out accuracy of classifyUserAgent against isbot, by source (see test/fixtures/ua/held-out.ts).
// Usage: npx tsx scripts/ua-accuracy.ts [--misses N]   (prints up to N misses and false positives per source)
import { createUserAgentClassifier } from '../src/signals/user-agent/classifier.js';
import { BROWSER_SOURCES, classifierWithout, HELD_OUT_BOT_SOURCES, inAppNotBrowser, measureBots, measureBrowsers, pct } from '../test/fixtures/ua/held-out.js';

const at = process.argv.indexOf('--misses');
const show = at > 0 ? Number(process.argv[at + 1] ?? 20) : 0;
const out = (line: string): boolean => process.stdout.write(`${line}\n`);

for (const source of HELD_OUT_BOT_SOURCES) {
  const classifier = classifierWithout(source);
  const bots = measureBots(source, classifier);
  out(`held out: ${source} (${bots.total} bots) — classifier without anything tuned on it`);
  out(`  recall            partnerguard ${pct(bots.ours, bots.total)} (${bots.ours})   isbot ${pct(bots.isbot, bots.total)} (${bots.isbot})`);
  if (bots.labelled > 0) out(`  category right    ${pct(bots.categoryRight, bots.labelled)} of ${bots.labelled} labelled`);
  for (const m of bots.missed.slice(0, show)) out(`    missed: ${m}`);
  for (const b of BROWSER_SOURCES) {
    const f = measureBrowsers(b, classifier);
    out(`  false positives on ${b.padEnd(17)} partnerguard ${pct(f.ours, f.total)} (${f.ours})   isbot ${pct(f.isbot, f.total)} (${f.isbot}) of ${f.total}`);
    for (const w of f.wrong.slice(0, show)) out(`    flagged: ${w}`);
  }
  const inApp = inAppNotBrowser(classifier);
  out(`  in-app browsers not kept browser: ${inApp.length}`);
  for (const w of inApp.slice(0, show)) out(`    ${w}`);
}

const shipped = createUserAgentClassifier({ cacheSize: 0 });
const labelled = measureBots('crawler-user-agents', shipped);
const fixtures = measureBots('fixtures', shipped);
out(`shipped classifier (every list), on the labelled sources it was tuned on:`);
out(`  crawler-user-agents recall ${pct(labelled.ours, labelled.total)}, category right ${pct(labelled.categoryRight, labelled.labelled)}`);
out(`  fixtures            recall ${pct(fixtures.ours, fixtures.total)}, category right ${pct(fixtures.categoryRight, fixtures.labelled)}`);
const uao = measureBots('user-agents.org', shipped);
out(`  user-agents.org     recall ${pct(uao.ours, uao.total)} (isbot ${pct(uao.isbot, uao.total)})`);
