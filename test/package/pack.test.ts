/**
 * The packaging test: what users install is what we test. Packs the tarball, installs it
 * into a clean temporary project, imports the public API from plain Node ESM and runs the bin.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pg-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let files: string[] = [];
let project = '';

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
}

beforeAll(() => {
  const packed = JSON.parse(run(npm, ['pack', '--json', '--pack-destination', work], root)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((f) => f.path);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  project = join(work, 'consumer');
  run('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  run(npm, ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], project);
}, 240_000);

describe('the published package', () => {
  it('ships only dist, rules, datasets and the package metadata', () => {
    const top = new Set(files.map((f) => f.split('/')[0]));
    for (const entry of top) expect(['dist', 'rules', 'datasets', 'package.json', 'README.md', 'LICENSE', 'NOTICE.md']).toContain(entry);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli/bin.js');
    expect(files).toContain('rules/onboarding.json');
    expect(files.some((f) => f.startsWith('dist/') && f.includes('.test.'))).toBe(false);
  });

  it('imports from plain Node ESM and loads a built-in rule set', () => {
    const script = [
      "import * as pg from 'partnerguard';",
      "const rs = pg.loadRuleSet('onboarding');",
      "const bad = pg.checkRuleSet({ id: 'x' });",
      "console.log(JSON.stringify({ id: rs.id, hash: rs.hash.length, bad: bad.ok, errors: typeof pg.RuleSetError, exports: Object.keys(pg).sort() }));",
    ].join('\n');
    writeFileSync(join(project, 'probe.mjs'), script);
    const out = JSON.parse(run(process.execPath, ['probe.mjs'], project)) as { id: string; hash: number; bad: boolean; errors: string; exports: string[] };
    expect(out).toMatchObject({ id: 'onboarding', hash: 64, bad: false, errors: 'function' });
    expect(out.exports).toEqual(expect.arrayContaining(['loadRuleSet', 'checkRuleSet', 'evaluate', 'defineRule', 'PartnerguardError', 'RuleSetError', 'InputError', 'FetchRefusedError']));
  });

  it('runs the partnerguard bin', () => {
    const bin = join(project, 'node_modules', '.bin', 'partnerguard');
    expect(run(bin, ['--version'], project).trim()).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(run(bin, ['rules', 'check', 'onboarding', 'traffic'], project)).toMatch(/^ok {2}onboarding/u);
  });

  it('passes publint', () => {
    const out = run(process.execPath, [join(root, 'node_modules', 'publint', 'src', 'cli.js'), '--strict', root], root);
    expect(out).not.toMatch(/error|warning/iu);
  });
});
