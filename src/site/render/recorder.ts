/**
 * The per-page request recorder of render mode: every request the browser makes is answered
 * here from partnerguard's guarded fetch (one `Session` per page, so the SSRF guard, the
 * caller's dispatcher and cookie jar apply) or refused, and recorded as plain data.
 * @module
 */
import type { Frame, HTTPRequest } from 'puppeteer-core';
import { matchAffiliate } from '../affiliate-networks.js';
import { parseHttpUrl } from '../analyze/domain.js';
import type { CookieFeature } from '../features.js';
import { discard, readBody } from '../fetch/body.js';
import type { Session } from '../fetch/session.js';
import type { RenderedElement, RenderedRefusal, RenderedRequest, ScriptCookieFeature } from '../render-features.js';

/** Bounds of one page. */
export interface PageBudget {
  /** Requests answered at most; later ones are refused. */
  readonly maxRequests: number;
  /** Response bytes answered at most, all requests together. */
  readonly maxBytes: number;
  /** Deepest frame whose requests are answered (0 is the top document). */
  readonly maxFrameDepth: number;
  /** Requests recorded in the features at most (the count goes on). */
  readonly maxRecorded: number;
}

/** A recorded request before layout is known; the frame is kept to look its element up later. */
export interface PendingRequest {
  /** The record, before layout and initiator chain are known. */
  record: Omit<RenderedRequest, 'element' | 'initiatorChain'>;
  /** The frame the request belongs to (for a frame navigation: the navigated frame). */
  frame: Frame | null;
}

// Response headers the browser must not see from us: we decoded the body and hold the cookie jar.
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'set-cookie']);

/** Thrown inside {@link PageRecorder.handle} when the page's byte budget is spent. */
class BudgetSpent extends Error {}

function depthOf(frame: Frame | null): number {
  let depth = 0;
  for (let f = frame?.parentFrame() ?? null; f !== null && depth < 64; f = f.parentFrame()) depth += 1;
  return depth;
}

/** Records and answers the requests of one page. */
export class PageRecorder {
  /** Requests recorded, in order. */
  readonly pending: PendingRequest[] = [];
  /** Cookies scripts wrote. */
  readonly scriptCookies: ScriptCookieFeature[] = [];
  /** Limits reached. */
  readonly limitsHit = new Set<string>();
  /** Requests the page made. */
  count = 0;
  /** Requests refused. */
  refused = 0;
  /** Bytes answered. */
  bytes = 0;
  /** Bytes responses being read may still take. */
  private reserved = 0;

  /**
   * @param session - The page's guarded fetch session.
   * @param budget - The page's bounds.
   * @param merchantDomains - Merchant registrable domains, for affiliate recognition.
   */
  constructor(
    private readonly session: Session,
    private readonly budget: PageBudget,
    private readonly merchantDomains: readonly string[],
  ) {}

  /** Handles one intercepted request: answers or refuses it, never throws. */
  async handle(request: HTTPRequest): Promise<void> {
    const url = request.url();
    if (!/^https?:/iu.test(url)) {
      // data:, blob: and about: are answered inside the browser; anything else has no business here.
      await (/^(?:data|blob|about):/iu.test(url) ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined);
      return;
    }
    this.count += 1;
    const frame = request.frame();
    const navigation = request.isNavigationRequest();
    // A frame navigation belongs to the frame's parent: that document caused it.
    const owner = navigation ? (frame?.parentFrame() ?? null) : frame;
    // The top document is depth 0; a frame navigation counts the frame being navigated.
    const depth = depthOf(frame);
    const refusal = this.precheck(request, depth);
    if (refusal !== null) {
      this.refuse(request, frame, owner, navigation, refusal);
      return;
    }
    let status: number | null = null;
    let cookies: CookieFeature[] = [];
    let failure: RenderedRefusal | null = null;
    try {
      const response = await this.session.request(new URL(url));
      status = response.hop.status;
      const host = response.url.hostname;
      cookies = response.hop.setCookies.map((c) => ({ name: c.name, domain: c.domain, setBy: c.setBy ?? host }));
      // Responses are read concurrently: each reserves its share first, so together they stay within the budget.
      const room = Math.max(0, this.budget.maxBytes - this.bytes - this.reserved);
      const grant = Math.min(room, this.session.limits.maxBodyBytes);
      if (grant === 0) {
        discard(response.body);
        throw new BudgetSpent();
      }
      this.reserved += grant;
      let read: Awaited<ReturnType<typeof readBody>>;
      try {
        read = await readBody(response.body, response.headers['content-encoding'] ?? null, grant, true);
      } finally {
        this.reserved -= grant;
      }
      this.bytes += read.bodyBytes;
      if (read.truncated && grant === room) this.limitsHit.add('bytes');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) if (!DROPPED_HEADERS.has(name)) headers[name] = value;
      await request.respond({ status, headers, body: read.bytes }).catch(() => undefined);
    } catch (error) {
      if (error instanceof BudgetSpent) {
        this.limitsHit.add('bytes');
        this.refuse(request, frame, owner, navigation, { code: 'bytes', message: `more than ${this.budget.maxBytes} response bytes on one page`, address: null });
        return;
      }
      const f = this.session.failureFrom(error, url);
      failure = { code: f.code === 'refused' ? 'refused' : 'failed', message: f.message, address: f.address ?? null };
      this.refused += 1;
      await request.abort(f.code === 'refused' ? 'blockedbyclient' : 'failed').catch(() => undefined);
    }
    this.push(request, frame, owner, navigation, status, failure, cookies);
  }

  /** Records a `window.open` or `document.cookie` report from the page hooks. */
  hook(kind: string, value: string, frameOf: (url: string) => Frame | null): void {
    const [frameUrl = '', detail = ''] = value.split('\n');
    if (kind === 'cookie' && this.scriptCookies.length < 50) {
      this.scriptCookies.push({ name: detail, frameUrl, affiliate: matchAffiliate(frameUrl, this.merchantDomains) });
    } else if (kind === 'open' && this.pending.length < this.budget.maxRecorded) {
      this.count += 1;
      const frame = frameOf(frameUrl);
      const record = {
        url: detail,
        type: 'window-open',
        navigation: true,
        frameUrl,
        frameDepth: depthOf(frame),
        initiator: { type: 'script', url: frameUrl },
        redirectedFrom: [],
        status: null,
        refused: null,
        affiliate: parseHttpUrl(detail) === null ? null : matchAffiliate(detail, this.merchantDomains),
        cookies: [],
      };
      this.pending.push({ record, frame: null });
    }
  }

  private precheck(request: HTTPRequest, depth: number): RenderedRefusal | null {
    if (this.count > this.budget.maxRequests) {
      this.limitsHit.add('requests');
      return { code: 'requests', message: `more than ${this.budget.maxRequests} requests on one page`, address: null };
    }
    if (depth > this.budget.maxFrameDepth) {
      this.limitsHit.add('frame-depth');
      return { code: 'frame-depth', message: `frame nested deeper than ${this.budget.maxFrameDepth}`, address: null };
    }
    if (this.bytes + this.reserved >= this.budget.maxBytes) {
      this.limitsHit.add('bytes');
      return { code: 'bytes', message: `more than ${this.budget.maxBytes} response bytes on one page`, address: null };
    }
    const method = request.method();
    if (method !== 'GET') return { code: 'method', message: `${method} requests are not sent (only GET)`, address: null };
    return null;
  }

  private refuse(request: HTTPRequest, frame: Frame | null, owner: Frame | null, navigation: boolean, refusal: RenderedRefusal): void {
    this.refused += 1;
    void request.abort('blockedbyclient').catch(() => undefined);
    this.push(request, frame, owner, navigation, null, refusal, []);
  }

  private push(request: HTTPRequest, frame: Frame | null, owner: Frame | null, navigation: boolean, status: number | null, refused: RenderedRefusal | null, cookies: CookieFeature[]): void {
    if (this.pending.length >= this.budget.maxRecorded) return;
    const url = request.url();
    const initiator = request.initiator();
    const chain = request.redirectChain().map((r) => r.url());
    const record = {
      url,
      type: request.resourceType(),
      navigation,
      frameUrl: owner?.url() ?? '',
      frameDepth: owner === null ? 0 : depthOf(owner),
      initiator: { type: chain.length > 0 ? 'redirect' : (initiator?.type ?? 'other'), url: initiator?.url ?? initiator?.stack?.callFrames[0]?.url ?? null },
      redirectedFrom: chain,
      status,
      refused,
      affiliate: matchAffiliate(url, this.merchantDomains),
      cookies,
    };
    this.pending.push({ record, frame });
  }
}

const MAX_CHAIN = 8;

/** Attaches layout (from `elementOf`) and the initiator chain to recorded requests. */
export function withElements(
  pending: readonly PendingRequest[],
  elementOf: (frame: Frame | null, url: string, navigation: boolean) => RenderedElement | null,
): RenderedRequest[] {
  const byUrl = new Map<string, PendingRequest['record']>();
  for (const p of pending) if (!byUrl.has(p.record.url)) byUrl.set(p.record.url, p.record);
  const cause = (r: PendingRequest['record']): string | null => (r.navigation ? r.frameUrl || null : r.initiator.url);
  return pending.map((p) => {
    const chain: string[] = [];
    for (let url = cause(p.record); url !== null && chain.length < MAX_CHAIN && !chain.includes(url); ) {
      chain.push(url);
      const parent = byUrl.get(url);
      url = parent === undefined || parent === p.record ? null : cause(parent);
    }
    return { ...p.record, initiatorChain: chain, element: elementOf(p.frame, p.record.url, p.record.navigation) };
  });
}
