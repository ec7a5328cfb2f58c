import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('README', () => {
  it('names as `fn(` only functions the package exports, or tooling it places in the source tree', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // A line that also names a `src/` or `scripts/` path presents repository tooling, not package API.
    const lines = readme.split('\n').filter((line) => !/`(?:src|scripts)\//u.test(line));
    const named = [...new Set(lines.flatMap((line) => [...line.matchAll(/`([a-z][A-Za-z]+)\(/gu)].map((m) => m[1]!)))].sort();
    expect(named.length).toBeGreaterThan(5);
    const exported = api as Record<string, unknown>;
    expect(named.filter((name) => typeof exported[name] !== 'function')).toEqual([]);
  });
});
