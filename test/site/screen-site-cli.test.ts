import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { html, startSiteServer, type SiteServer } from '../helpers/http-server.js';
import { readFileSync } from 'node:fs';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';
import { describeRender } from '../helpers/chromium.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sites/${name}.html`, import.meta.url), 'utf8');
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer({
    '127.0.0.1': {
      '/clean': html(fixture('approve--review-article-visible-links')),
      '/stuffed': html(fixture('reject--hidden-iframe-cj')),
      // Only a browser sees this: the merchant click URL is built at run time.
      '/scripted': html(fixture('approve--review-article-visible-links').replace('</body>', `<script>var f = document.createElement('iframe'); f.style.display = 'none'; f.src = '/landing' + '?' + 'ref=' + (40 + 2); document.body.appendChild(f);</script></body>`)),
      '/landing': html('<p>shop</p>'),
    },
  });
});
afterAll(async () => {
  await server.close();
});

describe('partnerguard site', () => {
  it('prints NDJSON in argument order and exits 0 whatever the actions', async () => {
    const run = await runCli(['site', server.url('/stuffed'), server.url('/clean'), '--json', '--allow-private-network', '--concurrency', '2']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; action: string; score: number; rawScore: number; hits: Array<{ points: number }> });
    expect(lines.map((l) => [l.url, l.action])).toEqual([
      [server.url('/stuffed'), 'reject'],
      [server.url('/clean'), 'approve'],
    ]);
    for (const l of lines) expectScoreIsSumOfHits(l);
  });

  it('prints a table', async () => {
    const run = await runCli(['site', server.url('/stuffed'), '--allow-private-network']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^action/u);
    expect(run.stdout).toContain('reject');
    expect(run.stdout).toContain('hidden-affiliate-iframe(70)');
  });

  it('refuses loopback without --allow-private-network, as a review, not a failure', async () => {
    const run = await runCli(['site', server.url('/stuffed'), '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as { action: string }).toMatchObject({ action: 'review' });
  });

  it('fails on usage errors and bad rule sets', async () => {
    expect((await runCli(['site'])).code).toBe(2);
    expect((await runCli(['site', 'https://x.test/', '--concurrency', '0'])).code).toBe(2);
    expect((await runCli(['site', 'https://x.test/', '--rules', 'no-such-set'])).code).toBe(1);
    expect((await runCli(['site', 'https://x.test/', '--deadline', '-5'])).code).toBe(2);
  });
});

describeRender('partnerguard site --render', () => {
  it('rejects, from the browser, a page whose script loads a merchant click URL', async () => {
    const [statically, rendered] = await Promise.all(
      [[], ['--render']].map((extra) => runCli(['site', server.url('/scripted'), '--json', '--allow-private-network', '--merchant', '127.0.0.1', ...extra])),
    );
    expect(JSON.parse(statically!.stdout) as { action: string }).toMatchObject({ action: 'approve' });
    const report = JSON.parse(rendered!.stdout) as { action: string; hits: Array<{ rule: string; evidence: Record<string, unknown> }>; fetch: { rendered: boolean } };
    expect(report.fetch.rendered).toBe(true);
    expect(report.action).toBe('reject');
    expect(report.hits.find((h) => h.rule === 'site/click-without-gesture')?.evidence).toMatchObject({ url: server.url('/landing?ref=42'), network: 'merchant', source: 'browser' });
  });
});
