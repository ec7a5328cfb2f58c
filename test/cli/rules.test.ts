import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-cli-'));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('partnerguard (no command)', () => {
  it('prints help and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: partnerguard <command>/u);
    expect(help.stdout).toMatch(/rules +check rule-set files/u);
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/u);
  });

  it('refuses unknown commands with a usage exit code', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/u);
  });
});

describe('partnerguard rules check', () => {
  it('exits 0 for the shipped rule sets', async () => {
    const r = await runCli(['rules', 'check', 'rules/onboarding.json', 'rules/traffic.json', 'onboarding']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toMatch(/^ok {2}rules\/onboarding\.json {2}\(onboarding /mu);
  });

  it('exits 1 with one line per issue, path first, for a typo, a string for a number and disordered thresholds', async () => {
    const bad = write(
      'bad.json',
      JSON.stringify({
        id: 'bad',
        version: '1',
        subject: 'traffic',
        rules: { 'click/no-such-rule': { score: 10 } },
        actions: { click: [{ action: 'flag', minScore: '40' }, { action: 'allow', minScore: 0 }], partner: [{ action: 'review', minScore: 10 }, { action: 'block', minScore: 80 }, { action: 'allow', minScore: 0 }] },
      }),
    );
    const r = await runCli(['rules', 'check', bad]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      `rules["click/no-such-rule"]: unknown rule "click/no-such-rule"  (${bad})`,
      `actions.click[0].minScore: expected number, received "40"  (${bad})`,
      `actions.partner[1].minScore: thresholds out of order: 80 must be lower than the previous threshold's 10 (list highest first)  (${bad})`,
    ]);
  });

  it('gives one line and exit 1 for a file that is not JSON, empty, or 10 MB of nesting — never a stack trace', async () => {
    const files = [write('notjson.json', 'id: onboarding\n'), write('empty.json', ''), write('nested.json', `${'['.repeat(5_000_000)}${']'.repeat(5_000_000)}`)];
    for (const f of files) {
      const r = await runCli(['rules', 'check', f]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.split('\n').some((line) => line.trimStart().startsWith('at '))).toBe(false);
    }
    const nested = await runCli(['rules', 'check', files[2]!]);
    expect(nested.stderr).toMatch(/limited to 1 MB/u);
  });

  it('checks every file even when an earlier one fails, and reports JSON with --json', async () => {
    const r = await runCli(['rules', 'check', '--json', write('e.json', ''), 'rules/traffic.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ok: boolean; issues?: Array<{ code: string }> });
    expect(lines.map((l) => l.ok)).toEqual([false, true]);
    expect(lines[0]!.issues![0]!.code).toBe('empty');
  });

  it('is a usage error without files', async () => {
    const r = await runCli(['rules', 'check']);
    expect(r.code).toBe(2);
  });
});

describe('partnerguard rules show', () => {
  it('shows the merged rule set with each rule\'s source', async () => {
    const child = write('child.json', JSON.stringify({ id: 'child', version: '9', subject: 'site', extends: 'onboarding' }));
    const r = await runCli(['rules', 'show', child]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^child 9 {2}\(site; hash [0-9a-f]{64}\)/u);
    expect(r.stdout).toContain(`sources: builtin:onboarding <- ${child}`);
    expect(r.stdout).toMatch(/site actions: reject ≥ 70, review ≥ 30, approve ≥ 0/u);
    const json = await runCli(['rules', 'show', '--json', child]);
    const parsed = JSON.parse(json.stdout) as { id: string; sources: string[]; hash: string };
    expect(parsed.id).toBe('child');
    expect(parsed.sources).toEqual(['builtin:onboarding', child]);
  });

  it('fails with one line for an unknown name', async () => {
    const r = await runCli(['rules', 'show', 'nosuchset']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^partnerguard rules: Invalid rule set: .*no rule-set file or built-in rule set named "nosuchset" \(built-in rule sets: onboarding, traffic\)/u);
  });
});

describe('rules check: characters that hide or reorder text', () => {
  it('escapes bidirectional and zero-width characters in issues, paths and file names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-bidi-'));
    const file = join(dir, 'evil\u202egpj.json');
    writeFileSync(file, JSON.stringify({ id: 'x\u200b', version: '1', subject: 'site', rules: { 'site/hidden\u202e-iframe': 'off', 'zero\u200bwidth': 'off' } }));
    const run = await runCli(['rules', 'check', file]);
    expect(run.code).toBe(1);
    const printed = run.stdout + run.stderr;
    expect(printed).not.toMatch(/[\u200b\u202e]/u);
    expect(printed).toContain('\\u202e');
    expect(printed).toContain('\\u200b');
    const ok = join(dir, 'ok\u2066.json');
    writeFileSync(ok, JSON.stringify({ id: 'fine', version: '1', subject: 'site', extends: 'onboarding' }));
    const good = await runCli(['rules', 'check', ok]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).not.toMatch(/[\u2066\u200f]/u);
  });
});
