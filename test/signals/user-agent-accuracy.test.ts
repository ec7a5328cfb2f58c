import { isbot } from 'isbot';
import { describe, expect, it } from 'vitest';
import { createUserAgentClassifier } from '../../src/signals/user-agent/classifier.js';
import { curatedBots } from '../../src/signals/user-agent/datasets.js';
import { BOT_CATEGORIES } from '../../src/signals/user-agent.js';
import { botCorpus, browserCorpus } from '../fixtures/ua/corpus.js';

const browsers = browserCorpus();
const bots = botCorpus();
const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(2)}%`;

describe('accuracy over the assembled corpus', () => {
  it('has thousands of agents and every bot category', () => {
    expect(browsers.length).toBeGreaterThan(900);
    expect(bots.length).toBeGreaterThan(2000);
    const categories = new Set(bots.map((b) => b.category));
    for (const c of BOT_CATEGORIES) expect(categories, c).toContain(c);
  });

  it('meets recall ≥ 99%, false positives ≤ 0.1%, category ≥ 95% (and reports isbot on the same corpus)', () => {
    const classifier = createUserAgentClassifier();
    let found = 0;
    let strict = 0;
    let lenient = 0;
    let isbotFound = 0;
    const missed: string[] = [];
    for (const bot of bots) {
      const info = classifier.classify(bot.ua);
      if (isbot(bot.ua)) isbotFound++;
      if (info.kind !== 'bot' || info.bot === undefined) {
        missed.push(bot.ua);
        continue;
      }
      found++;
      if (info.bot.category === bot.category) strict++;
      if (bot.accepted.includes(info.bot.category)) lenient++;
    }
    let falsePositives = 0;
    let isbotFalse = 0;
    const wrong: string[] = [];
    for (const ua of browsers) {
      if (classifier.classify(ua).kind === 'bot') {
        falsePositives++;
        wrong.push(ua);
      }
      if (isbot(ua)) isbotFalse++;
    }
    console.log(
      [
        `user-agent accuracy — ${bots.length} bot agents (crawler-user-agents instances + fixtures), ${browsers.length} browser agents (user-agents + top-user-agents)`,
        `  partnerguard: recall ${pct(found, bots.length)}, false positives ${pct(falsePositives, browsers.length)} (${falsePositives}), category ${pct(lenient, bots.length)} (strict first-tag ${pct(strict, bots.length)})`,
        `  isbot:        recall ${pct(isbotFound, bots.length)}, false positives ${pct(isbotFalse, browsers.length)} (${isbotFalse}), no categories`,
      ].join('\n'),
    );
    expect(missed.slice(0, 5)).toEqual([]);
    expect(found / bots.length).toBeGreaterThanOrEqual(0.99);
    expect(wrong).toEqual([]);
    expect(falsePositives / browsers.length).toBeLessThanOrEqual(0.001);
    expect(lenient / bots.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reports what the curated list and heuristics alone catch of crawler-user-agents (held out)', () => {
    // Without the package's own patterns, its instances are an out-of-sample test of the rest.
    const heldOut = createUserAgentClassifier({ sources: { curated: curatedBots(), crawlerUserAgents: [] } });
    const sample = bots.filter((b) => b.source === 'crawler-user-agents');
    const found = sample.filter((b) => heldOut.classify(b.ua).kind === 'bot').length;
    const fp = browsers.filter((ua) => heldOut.classify(ua).kind === 'bot').length;
    console.log(`  held out (curated + heuristics only): recall ${pct(found, sample.length)} on ${sample.length} crawler-user-agents instances, false positives ${fp}`);
    expect(found / sample.length).toBeGreaterThan(0.8);
    expect(fp).toBe(0);
  });
});
