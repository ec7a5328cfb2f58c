/**
 * The renderer: one headless Chromium, started on first use and reused, a fresh isolated
 * browser context per page, every request answered by the guarded fetch, a refuse-all proxy
 * behind it, and a time budget per page after which the page — or the whole browser, when
 * the page will not close — is killed so the next site still renders.
 * @module
 */
import type { Browser, BrowserContext, Frame, Page, PuppeteerNode } from 'puppeteer-core';
import { InputError } from '../../engine/errors.js';
import type { FetchOptions } from '../fetch-types.js';
import { DEFAULT_USER_AGENT, Session } from '../fetch/session.js';
import type { RenderedElement, RenderFeatures } from '../render-features.js';
import { findChromium } from './locate.js';
import { frameElementLayoutBody, hooksSource, RECORD_BINDING, sweepSource, type SweptElement } from './page-hooks.js';
import { PageRecorder, withElements } from './recorder.js';
import { startRefuseProxy, type RefuseProxy } from './refuse-proxy.js';

/** Render-mode bounds and settings; every field has a default. */
export interface RenderOptions {
  /** The Chromium to start. Default: `PARTNERGUARD_CHROMIUM`, then `chromium` (or Chrome) on `PATH`. */
  executablePath?: string;
  /** Time budget of one page, from opening it to the last layout read. Default 15,000 ms. */
  timeoutMs?: number;
  /** Requests answered per page; later ones are refused and recorded. Default 200. */
  maxRequests?: number;
  /** Response bytes per page, all requests together. Default 20 MiB. */
  maxBytes?: number;
  /** Deepest frame whose requests are answered (0 is the page). Default 4. */
  maxFrameDepth?: number;
  /** Time given to timers and load handlers after the load event, and again after the scroll. Default 1,500 ms. */
  settleMs?: number;
}

/** What {@link Renderer.render} needs besides the URL. */
export interface RenderPageOptions extends RenderOptions {
  /** Guard, routing and limit options of the guarded fetch answering the page's requests. */
  fetch?: FetchOptions;
  /** Merchant registrable domains, for affiliate recognition. */
  merchantDomains?: readonly string[];
}

/** A running renderer; close it when done. */
export interface Renderer {
  /** Renders one page; resolves with what it showed (a timeout or failure as data). */
  render(url: string, options?: RenderPageOptions): Promise<RenderFeatures>;
  /** Closes the browser. */
  close(): Promise<void>;
}

/**
 * Chromium's switches. The proxy (refusing everything, loopback included) catches what request
 * interception misses; QUIC, DNS prefetch, background networking and non-proxied WebRTC UDP
 * would leave the browser by themselves.
 */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--proxy-bypass-list=<-loopback>',
  '--disable-quic',
  '--dns-prefetch-disable',
  '--disable-background-networking',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--mute-audio',
  // One process for all frames, so interception sees every frame's requests.
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process,LocalNetworkAccessChecks,PrivateNetworkAccessChecks,InterestFeedContentSuggestions,Translate,MediaRouter',
]);

const DEFAULTS = { timeoutMs: 15_000, maxRequests: 200, maxBytes: 20 * 1024 * 1024, maxFrameDepth: 4, settleMs: 1_500 } as const;
const MAX_RECORDED = 300;
const MAX_FRAMES = 50;
const CLOSE_GRACE_MS = 3_000;

function positive(value: number | undefined, name: keyof typeof DEFAULTS, min = 1): number {
  if (value === undefined) return DEFAULTS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InputError(`options.render.${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`, { location: `options.render.${name}` });
  }
  return value;
}

/** Validates render options (at configuration time, before any browser starts). */
export function resolveRenderOptions(options: RenderOptions) {
  return {
    timeoutMs: positive(options.timeoutMs, 'timeoutMs'),
    maxRequests: positive(options.maxRequests, 'maxRequests'),
    maxBytes: positive(options.maxBytes, 'maxBytes'),
    maxFrameDepth: positive(options.maxFrameDepth, 'maxFrameDepth', 0),
    settleMs: positive(options.settleMs, 'settleMs', 0),
  };
}

class Timeout extends Error {}

async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout('time budget exhausted')), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

type Launch = PuppeteerNode['launch'];

async function loadDriver(): Promise<{ launch: Launch }> {
  try {
    const driver = await import('puppeteer-core');
    return { launch: driver.launch.bind(driver.default) };
  } catch (error) {
    throw new InputError('render mode needs the optional peer dependency puppeteer-core 24.x: npm install puppeteer-core@24', { location: 'options.render', cause: error });
  }
}

/**
 * Creates a renderer. The browser starts on the first `render` and restarts after it was killed.
 * @throws InputError when no Chromium is found (set `executablePath` or `PARTNERGUARD_CHROMIUM`).
 */
export function createRenderer(options: Pick<RenderOptions, 'executablePath'> = {}): Renderer {
  const executablePath = findChromium(options.executablePath);
  if (executablePath === null) {
    const where = options.executablePath === undefined ? 'no chromium on PATH and PARTNERGUARD_CHROMIUM unset or not executable' : `${options.executablePath} is not an executable file`;
    throw new InputError(`render mode needs Chromium: ${where} (install Debian's chromium package or set PARTNERGUARD_CHROMIUM)`, { location: 'options.render.executablePath' });
  }
  let starting: Promise<{ browser: Browser; proxy: RefuseProxy }> | null = null;

  const start = async () => {
    const { launch } = await loadDriver();
    const proxy = await startRefuseProxy();
    const args = [...CHROMIUM_ARGS, `--proxy-server=http://127.0.0.1:${proxy.port}`];
    if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
    try {
      // A pipe, not a port: Chromium exits when this process does, however it ends (no orphaned browsers),
      // and the signal handlers stay the application's.
      const browser = await launch({ executablePath, headless: true, pipe: true, args, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, protocolTimeout: 30_000 });
      browser.once('disconnected', () => {
        starting = null;
        void proxy.close();
      });
      return { browser, proxy };
    } catch (error) {
      await proxy.close();
      throw error;
    }
  };
  const kill = (browser: Browser) => {
    starting = null;
    try {
      browser.process()?.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };

  return {
    async render(url, pageOptions = {}) {
      const limits = resolveRenderOptions(pageOptions);
      starting ??= start();
      const running = starting;
      const { browser } = await running.catch((error: unknown) => {
        if (starting === running) starting = null;
        throw error;
      });
      return renderPage(browser, url, pageOptions, limits, kill);
    },
    async close() {
      const running = starting;
      starting = null;
      if (running === null) return;
      const { browser, proxy } = await running.catch(() => ({ browser: null, proxy: null }));
      if (browser !== null) await within(browser.close(), CLOSE_GRACE_MS).catch(() => kill(browser));
      await proxy?.close();
    },
  };
}

async function renderPage(browser: Browser, url: string, options: RenderPageOptions, limits: ReturnType<typeof resolveRenderOptions>, kill: (b: Browser) => void): Promise<RenderFeatures> {
  const startedAt = Date.now();
  const left = () => limits.timeoutMs - (Date.now() - startedAt);
  const pageProxy = await startRefuseProxy();
  const fetchOptions = options.fetch ?? {};
  const session = new Session({ ...fetchOptions, limits: { ...fetchOptions.limits, totalTimeoutMs: limits.timeoutMs + 1_000 } });
  const recorder = new PageRecorder(session, { maxRequests: limits.maxRequests, maxBytes: limits.maxBytes, maxFrameDepth: limits.maxFrameDepth, maxRecorded: MAX_RECORDED }, options.merchantDomains ?? []);
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let outcome: RenderFeatures['outcome'] = 'ok';
  let message: string | null = null;
  let finalUrl = url;
  const frameLayout = new Map<Frame, RenderedElement | null>();
  const swept = new Map<Frame, SweptElement[]>();
  try {
    context = await within(browser.createBrowserContext({ proxyServer: `http://127.0.0.1:${pageProxy.port}`, proxyBypassList: ['<-loopback>'] }), left());
    page = await within(context.newPage(), left());
    const current = page;
    await within(
      Promise.all([
        current.setBypassServiceWorker(true),
        current.setUserAgent(fetchOptions.userAgent ?? DEFAULT_USER_AGENT),
        current.exposeFunction(RECORD_BINDING, (kind: string, value: string) => recorder.hook(String(kind), String(value), (u) => current.frames().find((f) => f.url() === u) ?? null)),
        current.evaluateOnNewDocument(hooksSource),
        current.setRequestInterception(true),
      ]),
      left(),
    );
    current.on('request', (request) => void recorder.handle(request));
    current.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
    try {
      await current.goto(url, { waitUntil: 'load', timeout: Math.max(1, left()) });
    } catch (error) {
      // A page that never finishes loading still ran its scripts: keep what it did.
      if (left() <= 0 || (error instanceof Error && error.name === 'TimeoutError')) {
        outcome = 'timeout';
        message = `the page did not finish loading within ${limits.timeoutMs} ms`;
      } else {
        message = error instanceof Error ? error.message.slice(0, 300) : String(error);
      }
    }
    if (outcome === 'ok') {
      await sleep(Math.min(limits.settleMs, left()));
      // Scroll as a reader would: wheel events grant no user activation, so nothing counts as a gesture.
      await within(current.mouse.wheel({ deltaY: 900 }), left()).catch(() => undefined);
      await within(current.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)'), left()).catch(() => undefined);
      await sleep(Math.min(limits.settleMs, left()));
    }
    finalUrl = current.url();
    for (const frame of current.frames().slice(0, MAX_FRAMES)) {
      if (left() <= 0) break;
      swept.set(frame, await within(frame.evaluate(sweepSource(200)) as Promise<SweptElement[]>, left()).catch(() => []));
      const handle = await within(frame.frameElement(), left()).catch(() => null);
      // The layout code runs in the browser, on the frame's element; `new Function` only carries its source there.
      const layout = handle === null ? null : await within(handle.evaluate(new Function('el', frameElementLayoutBody) as (el: unknown) => RenderedElement), left()).catch(() => null);
      frameLayout.set(frame, layout);
    }
    if (left() <= 0 && outcome === 'ok') {
      outcome = 'timeout';
      message = `the page's time budget of ${limits.timeoutMs} ms ran out`;
    }
  } catch (error) {
    outcome = error instanceof Timeout ? 'timeout' : 'failed';
    message = error instanceof Timeout ? `the page's time budget of ${limits.timeoutMs} ms ran out` : error instanceof Error ? error.message.slice(0, 300) : String(error);
  } finally {
    if (context !== null) {
      const ctx = context;
      await within(ctx.close(), CLOSE_GRACE_MS).catch(() => kill(browser));
    }
    session.close(true);
    await pageProxy.close();
  }
  if (outcome === 'timeout') recorder.limitsHit.add('time');
  const visibleFrame = (frame: Frame | null): boolean => {
    for (let f = frame; f !== null && f.parentFrame() !== null; f = f.parentFrame()) if (frameLayout.get(f)?.visible !== true) return false;
    return true;
  };
  const requests = withElements(recorder.pending, (frame, requestUrl, navigation) => {
    if (frame === null) return null;
    if (navigation) {
      const layout = frameLayout.get(frame) ?? null;
      return layout === null ? null : { ...layout, visible: layout.visible && visibleFrame(frame.parentFrame()) };
    }
    const el = swept.get(frame)?.find((e) => e.url === requestUrl);
    return el === undefined ? null : { tag: el.tag, width: el.width, height: el.height, visible: el.visible && visibleFrame(frame) };
  });
  return {
    outcome,
    message,
    finalUrl,
    requests,
    requestCount: recorder.count,
    refusedCount: recorder.refused,
    limitsHit: [...recorder.limitsHit].sort(),
    bytes: recorder.bytes,
    scriptCookies: recorder.scriptCookies,
    backstopRefusals: [...pageProxy.refused],
  };
}
