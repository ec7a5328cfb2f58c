import { describe, expect, it } from 'vitest';
import { boundHtml } from '../../src/site/analyze/bound-html.js';
import { analyzeSite } from '../../src/site/analyze/analyze-site.js';
import { analyzeHtml } from '../../src/builtin.js';
import { seededRandom } from '../helpers/seeded-random.js';

const url = 'https://a.example/';
const analyze = (html: string) => analyzeSite({ url, html });
const limits = { maxDepth: 256, maxElements: 50_000 };

describe('string concatenation in inline scripts', () => {
  it('reads a 19,000-part chain once (joining from every part kept a string per part)', () => {
    const chain = `${Array(19_000).fill("'a'").join('+')}+'https://www.kqz'+"yfj.com/click-1-2"`;
    const s = analyze(`<script>x=${chain}</script>`).scripts[0];
    // The URL follows 19,000 `a`s with no separator, so it is found by the join that starts
    // at the part holding `//`.
    expect(s?.affiliateUrls[0]).toMatchObject({ encoding: 'concat', url: 'https://www.kqzyfj.com/click-1-2' });
    const report = analyzeHtml(`<script>x=${Array(20_000).fill("'a'").join('+')}</script>`, { url });
    expect(report.score).toBeGreaterThanOrEqual(0);
  });

  it('still finds a protocol-relative URL split after a word character', () => {
    const s = analyze(`<script>var u='img'+'//www.kqz'+'yfj.com/click-1-2';</script>`).scripts[0];
    expect(s?.affiliateUrls.map((u) => u.url)).toContain('https://www.kqzyfj.com/click-1-2');
  });
});

describe('depth bound of the HTML pre-pass', () => {
  it('closes no more than 64 templates at the end of input, so parse5 cannot overflow its stack', () => {
    for (const tag of ['<template>', '<template/>', '<template><x-t>']) {
      const bounded = boundHtml(`<body>${tag.repeat(5_000)}`, limits);
      expect(bounded.droppedForDepth).toBeGreaterThan(4_000);
      expect(() => analyzeHtml(`<body>${tag.repeat(5_000)}`, { url })).not.toThrow();
    }
  });

  it('counts `<div/>` as open (HTML ignores the slash) but honours it inside SVG', () => {
    expect(boundHtml(`<body>${'<div/>'.repeat(1_000)}`, limits).droppedForDepth).toBe(1_000 - 256);
    expect(boundHtml(`<body><svg>${'<g/>'.repeat(1_000)}</svg>${'<div/>'.repeat(10)}`, limits).droppedForDepth).toBe(0);
  });

  it('counts `<rt>` and `<rp>` as nesting: outside `<ruby>` they do not close each other', () => {
    expect(boundHtml(`<body>${'<rt>'.repeat(1_000)}`, limits).droppedForDepth).toBe(1_000 - 256);
    expect(boundHtml(`<body>${'<rp>'.repeat(1_000)}`, limits).droppedForDepth).toBe(1_000 - 256);
  });

  it('keeps an iframe after thousands of self-closed divs', () => {
    const f = analyze(`<body>${'<div/>'.repeat(5_000)}<iframe src="https://prf.hn/click/camref:1" width="1" height="1"></iframe>`);
    expect(f.elements.some((e) => e.tag === 'iframe' && e.hidden)).toBe(true);
  });
});


const TAGS = ['a', 'abbr', 'applet', 'b', 'base', 'body', 'button', 'caption', 'col', 'colgroup', 'dd', 'div', 'dl', 'dt', 'embed', 'font', 'form', 'frame', 'frameset', 'h1', 'head', 'html', 'i', 'iframe', 'img', 'input', 'li', 'link', 'marquee', 'math', 'meta', 'nobr', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'optgroup', 'option', 'p', 'param', 'plaintext', 'pre', 'rb', 'rp', 'rt', 'ruby', 'script', 'select', 'source', 'span', 'style', 'svg', 'table', 'tbody', 'td', 'template', 'textarea', 'th', 'title', 'tr', 'u', 'ul', 'xmp', 'x-custom', 'foreignObject', 'mi', 'annotation-xml'];

function hostilePage(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const n = (max: number) => 1 + Math.floor(random() * max);
  const parts: string[] = [];
  for (let p = n(4); p > 0; p -= 1) {
    const kind = Math.floor(random() * 8);
    const tag = pick(TAGS);
    if (kind === 0) parts.push(`<${tag}>`.repeat(n(6_000)));
    else if (kind === 1) parts.push(`<${tag}/>`.repeat(n(6_000)));
    else if (kind === 2) parts.push(`<${tag}><${pick(TAGS)}>`.repeat(n(3_000)) + `</${tag}>`.repeat(n(3_000)));
    else if (kind === 3) parts.push(`<script>x=${Array(n(8_000)).fill(pick(["'a'", '"//b"', "'\\x68'", '`c`'])).join(pick(['+', ' + ', '+\n']))}</script>`);
    else if (kind === 4) parts.push(`<script>x="${pick(['\\x41', '\\u0041', '\\u{41}', '\\\\', '\\'])}".repeat(1);y="${pick(['\\x41', '\\u{10FFFF}', '\\u00', '\\x'] as const).repeat(n(40_000))}"</script>`);
    else if (kind === 5) parts.push(`<${tag} ${pick(['src', 'style', 'href', 'srcdoc', 'data-x'])}="${pick(['a', '&amp;', '//', '<', '"'] as const).repeat(n(200_000))}">`);
    else if (kind === 6) parts.push(pick(['<!--', '<![CDATA[', '<!DOCTYPE', '</', '<', '&#', '&#x']).repeat(n(20_000)));
    // Openers after which the pre-pass once stopped counting, then deep markup.
    else parts.push(`${pick(['<!-- x --!>', '<!-->', '<!--->', '<svg><title>', '<math><style>', '<svg><div>'])}${`<${tag}>`.repeat(n(6_000))}`);
  }
  return parts.join('');
}

describe('hostile page fuzz (fixed seed)', () => {
  it('returns a report for every generated page, the same one twice', () => {
    const random = seededRandom(20_261_207);
    for (let i = 0; i < 40; i += 1) {
      const html = hostilePage(random);
      const report = analyzeHtml(html, { url });
      expect(report.score, `page ${i}`).toBeGreaterThanOrEqual(0);
      expect(report.score, `page ${i}`).toBeLessThanOrEqual(100);
      if (i % 8 === 0) expect(JSON.stringify(analyzeHtml(html, { url }))).toBe(JSON.stringify(report));
    }
  }, 120_000);
});

describe('shapes that once slipped past the pre-pass (from a review)', () => {
  it('ends comments where the parser does: --!>, <!--> and <!--->', () => {
    for (const opener of ['<!-- x --!>', '<!-->', '<!--->']) {
      expect(boundHtml(`<body>${opener}${'<div>'.repeat(1_000)}`, limits).droppedForDepth, opener).toBe(1_000 - 256);
    }
  });

  it('counts markup inside SVG <title>/<style>, and stops honouring / after a breakout tag', () => {
    expect(boundHtml(`<body><svg><title>${'<div>'.repeat(1_000)}`, limits).droppedForDepth).toBeGreaterThan(700);
    expect(boundHtml(`<body><math><style>${'<div>'.repeat(1_000)}`, limits).droppedForDepth).toBeGreaterThan(700);
    expect(boundHtml(`<body><svg><div>${'<div/>'.repeat(1_000)}`, limits).droppedForDepth).toBeGreaterThan(700);
  });

  it('finds a click URL behind decoy URLs in one chain, with // split across parts', () => {
    const decoys = Array(60).fill("'/'+'/d.ex '").join('+');
    // No part holds `//`, so only the join of the whole chain sees the click URL, after 60 decoys.
    const s = analyze(`<script>var u=${decoys}+'https:/'+'/www.kqzyfj.com/cli'+'ck-1-2';</script>`).scripts[0];
    expect(s?.affiliateUrls.map((u) => u.url)).toEqual(['https://www.kqzyfj.com/click-1-2']);
  });
});
