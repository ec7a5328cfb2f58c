import { describe, expect, it } from 'vitest';
import { analyzeHtml } from '../../src/builtin.js';
import { analyzeSite, autoLoadedAffiliateUrls } from '../../src/site/analyze.js';
import { matchAffiliate } from '../../src/site/affiliate-networks.js';
import { expectScoreIsSumOfHits } from '../helpers/report-assertions.js';

const url = 'https://applicant.test/';
const analyze = (html: string, o = {}) => analyzeSite({ html, url }, o);

describe('affiliate recognition', () => {
  it('tells clicks from impression pixels and needs tag= on Amazon', () => {
    expect(matchAffiliate('https://www.anrdoezrs.net/click-1-2')).toMatchObject({ network: 'cj', kind: 'click' });
    expect(matchAffiliate('https://www.lduhtrp.net/image-1-2')).toMatchObject({ network: 'cj', kind: 'impression' });
    expect(matchAffiliate('https://ad.linksynergy.com/fs-bin/show?id=1')).toMatchObject({ kind: 'impression' });
    expect(matchAffiliate('https://www.amazon.com/dp/B0?tag=x-20')).toMatchObject({ network: 'amazon', kind: 'click' });
    expect(matchAffiliate('https://www.amazon.com/dp/B0')).toBeNull();
    expect(matchAffiliate('https://shop.merchant.test/?ref=p1', ['merchant.test'])).toMatchObject({ network: 'merchant' });
    expect(matchAffiliate('javascript:alert(1)')).toBeNull();
  });
});

describe('visibility', () => {
  it.each([
    ['<iframe src="https://prf.hn/click/camref:1" width="0" height="0"></iframe>', ['size']],
    ['<iframe src="https://prf.hn/click/camref:1" style="display: none !important"></iframe>', ['display-none']],
    ['<iframe src="https://prf.hn/click/camref:1" style="visibility:hidden"></iframe>', ['visibility-hidden']],
    ['<iframe src="https://prf.hn/click/camref:1" style="opacity:0"></iframe>', ['opacity-zero']],
    ['<iframe src="https://prf.hn/click/camref:1" style="position:absolute;left:-9999px"></iframe>', ['off-screen']],
    ['<div hidden><iframe src="https://prf.hn/click/camref:1"></iframe></div>', ['hidden-ancestor']],
    ['<style>@media all { #box { display:none } }</style><div id="box"><iframe src="https://prf.hn/click/camref:1"></iframe></div>', ['hidden-ancestor']],
    ['<iframe class="d-none" src="https://prf.hn/click/camref:1"></iframe>', ['hidden-class']],
    ['<iframe src="https://prf.hn/click/camref:1" width="300" height="250"></iframe>', []],
  ])('%s', (html, reasons) => {
    const [el] = analyze(html).elements;
    expect(el?.hiddenReasons).toEqual(reasons);
    expect(el?.hidden).toBe(reasons.length > 0);
  });

  it('marks noscript content and parses it as elements', () => {
    const f = analyze('<body><p>x</p><noscript><img src="https://www.amazon.com/?tag=a-20" width="1" height="1"></noscript>');
    expect(f.elements[0]).toMatchObject({ tag: 'img', inNoscript: true, hidden: true });
    expect(f.noscriptCount).toBe(1);
  });
});

describe('inline scripts', () => {
  const script = (code: string) => analyze(`<script>${code}</script>`).scripts[0];
  it('decodes concatenation, base64, escapes and char codes', () => {
    expect(script(`var u='https://www.kqz'+"yfj.com/click-1-2";`)?.affiliateUrls[0]).toMatchObject({ encoding: 'concat', url: 'https://www.kqzyfj.com/click-1-2' });
    expect(script(`var u=atob('${Buffer.from('https://prf.hn/click/camref:9').toString('base64')}');`)?.affiliateUrls[0]).toMatchObject({ encoding: 'base64' });
    expect(script(`var u='\\x68ttps://prf.hn/click/camref:9';`)?.affiliateUrls[0]).toMatchObject({ encoding: 'escape' });
    expect(script(`var u='\\u0068ttps://prf.hn/click/camref:9';`)?.affiliateUrls[0]).toMatchObject({ encoding: 'escape' });
    const codes = [...'https://prf.hn/click/camref:9'].map((c) => c.charCodeAt(0)).join(',');
    expect(script(`var u=String.fromCharCode(${codes});`)?.affiliateUrls[0]).toMatchObject({ encoding: 'char-codes' });
  });

  it('finds sinks and obfuscation markers without running anything', () => {
    const s = script(`setTimeout(function(){var i=document.createElement("iframe");i.src='https://prf.hn/click/camref:1';document.body.appendChild(i);var w=window.open('https://prf.hn/click/camref:2');w.blur();location.replace('https://prf.hn/click/camref:3')},10); eval(x); var _0xab12=1,_0xab13=2,_0xab14=3;`);
    expect(s?.sinks).toMatchObject({ createElement: ['iframe'], timer: true, windowOpen: true, popUnder: true, location: true });
    expect(s?.obfuscation).toMatchObject({ eval: true, hexIdentifiers: 3 });
  });

  it('ignores URLs in comments and JSON-LD', () => {
    expect(analyze(`<script>// https://prf.hn/click/camref:1\n/* 'https://prf.hn/click/camref:2' */ var a = 1;</script>`).scripts).toEqual([]);
    expect(analyze(`<script type="application/ld+json">{"url":"https://www.amazon.com/dp/B0?tag=x-20"}</script>`).scripts).toEqual([]);
  });

  it('caps script length read', () => {
    const f = analyze(`<script>var a='${'x'.repeat(300_000)}';</script>`);
    expect(f.limits.scriptsTruncated).toBe(1);
  });
});

describe('content', () => {
  it('counts visible words only and finds policy links, placeholders and parking', () => {
    const f = analyze(`<title>Coming soon</title><p>one two three</p><p style="display:none">hidden words here</p><script>var x = "script words";</script>
      <a href="/privacy">Privacy</a><a href="mailto:me@applicant.test">Mail</a><p>lorem ipsum dolor sit amet</p><p>This domain is for sale</p>`);
    expect(f.content.wordCount).toBe(15);
    expect(f.links.policy).toEqual({ privacy: true, contact: true, about: false, terms: false });
    expect(f.content.placeholders.map((p) => p.id)).toEqual(['lorem-ipsum', 'dolor-sit-amet', 'coming-soon']);
    expect(f.content.parked.map((p) => p.id)).toEqual(['domain-for-sale']);
  });
});

describe('bounds and safety', () => {
  it('survives 10,000-deep nesting quickly, recording the depth limit', () => {
    const start = Date.now();
    const f = analyze(`${'<div>'.repeat(10_000)}<iframe src="https://prf.hn/click/camref:1" width="1" height="1"></iframe>${'</div>'.repeat(10_000)}`);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(f.limits.maxDepth).toBeLessThanOrEqual(260);
    expect(f.elements[0]).toMatchObject({ tag: 'iframe', hidden: true });
  });

  it('stops at the element cap on 200,000 unclosed tags', () => {
    const start = Date.now();
    const f = analyze('<div>'.repeat(200_000));
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(f.limits.elementLimitHit).toBe(true);
  });

  it('snapshots sanitised HTML that loads nothing, counting what was removed', () => {
    const f = analyze('<p onclick="x()">hi</p><script>alert(1)</script><img src="https://www.amazon.com/?tag=a-20" width="1" height="1"><a href="https://ok.test/">link</a>');
    expect(f.snapshot.html).not.toMatch(/<script|onclick|src=/u);
    expect(f.snapshot.html).toContain('href="https://ok.test/"');
    expect(f.snapshot.removed).toBeGreaterThanOrEqual(2);
  });

  it('is plain JSON data', () => {
    const f = analyze('<iframe src="https://prf.hn/click/camref:1" hidden></iframe><p>text</p>');
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(autoLoadedAffiliateUrls(f)).toEqual(['https://prf.hn/click/camref:1']);
  });
});

describe('analyzeHtml', () => {
  it('scores without network, deterministically, score = sum of hits', () => {
    const html = '<div style="display:none"><iframe src="https://www.anrdoezrs.net/click-1-2"></iframe></div><p>short</p>';
    const a = analyzeHtml(html, { url });
    const b = analyzeHtml(html, { url });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.action).toBe('reject');
    expect(a.fetch).toBeNull();
    expectScoreIsSumOfHits(a);
  });

  it('brand typosquat from the options', () => {
    const r = analyzeHtml('<p>x</p>', { url: 'https://outdoorgeer.test/', brandTerms: ['OutdoorGear'] });
    expect(r.hits.map((h) => h.rule)).toContain('site/brand-typosquat');
  });
});
