import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { html, startSiteServer, type SiteServer } from '../helpers/http-server.js';
import { readFileSync } from 'node:fs';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sites/${name}.html`, import.meta.url), 'utf8');
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer({
    '127.0.0.1': { '/clean': html(fixture('approve--review-article-visible-links')), '/stuffed': html(fixture('reject--hidden-iframe-cj')) },
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
  });
});
