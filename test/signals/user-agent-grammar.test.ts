import { describe, expect, it } from 'vitest';
import { classifyUserAgent, type AgentInfo } from '../../src/signals/user-agent.js';
import { createUserAgentClassifier } from '../../src/signals/user-agent/classifier.js';
import { userAgentGrammar } from '../../src/signals/user-agent/datasets.js';
import { createGrammar, emailAddress } from '../../src/signals/user-agent/grammar.js';

// Agents written from each technique the grammar reads (self-description, contact, library,
// application, shape), with made-up names so that no named list can know them.
const CHROME_ANDROID_WV = 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/125.0.6422.165 Mobile Safari/537.36';
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const IOS_WEBVIEW = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

const unlisted = (info: AgentInfo) => info.signals.find((s) => s.id === 'unlisted-bot');

describe('generic grammar: bots no list names', () => {
  it.each([
    ['Zorvexcrawler/2.0', 'self-described', 'other-bot', 'crawl'],
    ['Mozilla/5.0 (compatible; QuillaSiteChecker/1.3)', 'self-described', 'seo-tool', 'checker'],
    [`${CHROME_WIN} Frobnic-Uptime-Monitor/4`, 'self-described', 'monitoring', 'monitor'],
    [`${CHROME_WIN} PlumPdfRenderer/1.0`, 'self-described', 'headless', 'renderer'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36 Blarg-Link-Expander/2.1', 'self-described', 'social-preview', 'expander'],
    [`${CHROME_WIN} Tamsin-SeoPlugin/3.1`, 'self-described', 'other-bot', 'plugin'],
    ['Glorp-Notification-Service/1.4 (+1 subscriber)', 'self-described', 'other-bot', 'notification'],
    ['Klomp HTTP Client 0.9', 'library-token', 'http-library', 'http client'],
    ['MacOutlook/16.89.1 (Intel Mac OS X 14.6.1)', 'app-client', 'app-client', 'macoutlook'],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)', 'app-client', 'app-client', 'microsoft office'],
    ['Mozilla/4.0 (compatible; ms-office; MSOffice 16)', 'app-client', 'app-client', 'ms-office'],
  ])('%s: %s', (ua, check, category, word) => {
    // Without the named lists: the grammar alone must find these.
    const info = createUserAgentClassifier({ cacheSize: 0, sources: { curated: [], crawlerUserAgents: [] } }).classify(ua);
    expect(info.kind).toBe('bot');
    expect(info.bot).toMatchObject({ origin: 'heuristic', category });
    expect(unlisted(info)).toMatchObject({ check, evidence: { word } });
    expect(unlisted(info)?.message.length).toBeGreaterThan(20);
  });

  it('reads contact URLs and e-mail addresses, but not a browser version after "@"', () => {
    const url = classifyUserAgent('Zibbet/1.0 (+https://zibbet.example/about-our-fetching)');
    expect(unlisted(url)).toMatchObject({ check: 'contact-url', evidence: { url: '+https://zibbet.example/about-our-fetching'.slice(1) } });
    expect(url.bot?.name).toBe('Zibbet');
    const mail = classifyUserAgent('Mozilla/5.0 (compatible; Wendigo/0.3; ops@wendigo.example)');
    expect(unlisted(mail)).toMatchObject({ check: 'contact-email', evidence: { email: 'ops@wendigo.example' } });
    expect(emailAddress('(ecosia android@150.0.0.0)')).toBeUndefined();
    expect(classifyUserAgent(`${CHROME_ANDROID_WV} (Ecosia android@150.0.0.0)`).kind).toBe('browser');
  });

  it('reads shapes no browser has once nothing else spoke', () => {
    expect(unlisted(classifyUserAgent('Qwmx/3.2.1 (linux)'))).toMatchObject({ check: 'no-browser-grammar', evidence: { token: 'Qwmx' } });
    expect(unlisted(classifyUserAgent('Mozilla/5.0 Quorbit/1.0'))).toMatchObject({ check: 'mozilla-without-platform', evidence: { token: 'Quorbit' } });
    expect(unlisted(classifyUserAgent('Mozilla/5.0 (compatible; Vantrix 2.2)'))).toMatchObject({ check: 'compatible-not-a-browser', evidence: { token: 'Vantrix 2.2' } });
    expect(unlisted(classifyUserAgent(`${CHROME_ANDROID_WV} (compatible; Merlo/2.1)`))).toMatchObject({ check: 'compatible-not-a-browser', evidence: { token: 'Merlo/2.1' } });
    expect(unlisted(classifyUserAgent('Mozilla/4.0 (compatible)'))).toMatchObject({ check: 'compatible-without-browser' });
    expect(unlisted(classifyUserAgent('Glimmet/2.0 (compatible; MSIE 6.0; Windows NT 5.1)'))).toMatchObject({ check: 'msie-without-mozilla' });
    expect(unlisted(classifyUserAgent('silk/1.0'))).toMatchObject({ check: 'single-token' });
    // The browsers that wrote "compatible;" themselves are not clients borrowing the form.
    for (const ua of ['Mozilla/5.0 (compatible; U; Webpositive/533.4; Haiku) AppleWebkit/533.4 (KHTML, like gecko) Chrome/5.0.375.55 Safari/533.4', 'Mozilla/5.0 (compatible; Konqueror/4.4; Linux) KHTML/4.4.5 (like Gecko)', 'Mozilla/3.0 (compatible; NetPositive/2.2.1; BeOS)']) {
      expect(unlisted(classifyUserAgent(ua)), ua).toBeUndefined();
    }
    // A real browser never reaches the shape checks: the parser names it first.
    expect(classifyUserAgent('Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)').kind).toBe('browser');
  });

  it('keeps in-app browsers browsers and app HTTP stacks unknown, and calls the same app without a browser engine a client', () => {
    expect(classifyUserAgent(`${IOS_WEBVIEW} Outlook-iOS/709.2226530.prod.iphone (4.2422.0)`).kind).toBe('browser');
    expect(classifyUserAgent(IOS_WEBVIEW).kind).toBe('browser');
    expect(classifyUserAgent('Outlook-iOS/709.2226530.prod.iphone (4.2422.0)').bot?.category).toBe('app-client');
    expect(classifyUserAgent('ExampleApp/1 CFNetwork/1494.0.7 Darwin/23.4.0').kind).toBe('unknown');
    // A messaging app's name is its link-preview bot's name alone, and its browser's in a WebView.
    expect(classifyUserAgent(`${CHROME_ANDROID_WV} Viber/22.6.0.0`).kind).toBe('browser');
    expect(classifyUserAgent('Viber/22.6.0.0').kind).toBe('bot');
    expect(classifyUserAgent('WhatsApp/2.23.20.0 A').bot?.category).toBe('social-preview');
    expect(classifyUserAgent(`${CHROME_WIN} Snap URL Preview Service; bot; snapchat_proxy`).bot).toMatchObject({ name: 'Snapchat', category: 'social-preview' });
    expect(classifyUserAgent('Dalvik/2.1.0 (Linux; U; Android 14; SM-S918B Build/UP1A.231005.007)').kind).toBe('unknown');
  });

  it('matches words whole: a browser extension named FirePHP is not PHP, and CUBOT phones are not bots', () => {
    expect(classifyUserAgent('Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.2) Gecko/20100115 Firefox/3.6 FirePHP/0.4').kind).toBe('browser');
    expect(classifyUserAgent('Mozilla/5.0 (Linux; Android 6.0; CUBOT MAX) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/72.0.3626.121 Mobile Safari/537.36').kind).toBe('browser');
    const { entries } = userAgentGrammar();
    const noTraps = createGrammar(entries, []);
    expect(noTraps.words('Mozilla/5.0 (Linux; Android 6.0; CUBOT MAX) AppleWebKit/537.36')?.bot.category).toBe('other-bot');
  });

  it('switches each shape off when the grammar is built without it', () => {
    const { entries, human } = userAgentGrammar();
    const none = createGrammar(entries, human, []);
    expect(none.structure('Qwmx/3.2.1 (linux)')).toBeUndefined();
    expect(none.words('silk/1.0')).toBeUndefined();
    expect(createGrammar(entries, human).words('silk/1.0')?.signal.check).toBe('single-token');
  });
});
