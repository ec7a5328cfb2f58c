// Regenerates the files derived from rule meta (the rule-set JSON Schema and docs/rules).
// A test fails when a committed copy is stale, so run `npm run generate` after changing rules.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { absolute, generatedFiles } from './generated.js';

const files = generatedFiles();
const wanted = new Set(files.map((f) => absolute(f.path)));
// Drop pages of rules that no longer exist.
for (const subject of ['site', 'click', 'partner']) {
  const dir = absolute(`docs/rules/${subject}`);
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    continue;
  }
  for (const entry of entries) if (!wanted.has(join(dir, entry))) rmSync(join(dir, entry));
}
for (const file of files) {
  const path = absolute(file.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content);
}
process.stdout.write(`wrote ${files.length} generated files\n`);
