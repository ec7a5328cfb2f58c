import type { Finding } from './define-rule.js';

/** A message template split once at its `{{name}}` placeholders: literals at even, keys at odd indexes. */
export type CompiledTemplate = readonly string[];

const PLACEHOLDER = /\{\{(\w+)\}\}/gu;

/** Splits a template once, so rendering a hit needs no regex pass. */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index), m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** Fills a compiled template from `data`; unknown placeholders are left visible so tests catch them. */
export function renderTemplate(parts: CompiledTemplate, data: Finding['data']): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += (data !== undefined && Object.hasOwn(data, key) ? String(data[key]) : `{{${key}}}`) + parts[i + 1]!;
  }
  return out;
}
