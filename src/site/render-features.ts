/**
 * `RenderFeatures`: what loading a page in headless Chromium showed, as plain data. Every
 * request the page caused went through partnerguard's guarded fetch; nothing was clicked.
 * @module
 */
import type { AffiliateMatch, CookieFeature } from './features.js';

/** The element (or frame) that caused a request, as the browser laid it out. */
export interface RenderedElement {
  /** Tag name, lower-case (`iframe`, `img`, `script`…), or `image` for a `new Image()` never added to the page. */
  readonly tag: string;
  /** Rendered width in CSS px (0 for a detached element). */
  readonly width: number;
  /** Rendered height in CSS px. */
  readonly height: number;
  /** False when the element or an ancestor is not displayed, invisible, transparent, off-screen or at most 1×1 px. */
  readonly visible: boolean;
}

/** Why a request was not answered from the network. */
export interface RenderedRefusal {
  /** `refused` (SSRF guard), `method`, `requests`/`bytes`/`frame-depth` (a render limit), `failed` (network error or timeout). */
  readonly code: 'refused' | 'method' | 'requests' | 'bytes' | 'frame-depth' | 'failed';
  /** Human-readable reason. */
  readonly message: string;
  /** The refused address, when the guard refused one. */
  readonly address: string | null;
}

/** One request the page caused. */
export interface RenderedRequest {
  /** The URL requested. */
  readonly url: string;
  /** Chromium's resource type (`document`, `image`, `script`, `xhr`, `fetch`, `prefetch`…), or `window-open`. */
  readonly type: string;
  /** True for a top-level or frame navigation. */
  readonly navigation: boolean;
  /** URL of the frame the request belongs to (for a frame navigation, the frame's parent). */
  readonly frameUrl: string;
  /** Nesting depth of that frame: 0 for the top document. */
  readonly frameDepth: number;
  /** What started it: `parser`, `script`, `preload`, `redirect`, `other`, plus the initiating URL when known. */
  readonly initiator: { readonly type: string; readonly url: string | null };
  /**
   * What led to it, nearest first: the script or document that started it, the request that
   * loaded that one (for a frame document, its parent frame), and so on up to the page; bounded.
   */
  readonly initiatorChain: readonly string[];
  /** Earlier URLs of its redirect chain, first request first. */
  readonly redirectedFrom: readonly string[];
  /** HTTP status answered, or null when refused. */
  readonly status: number | null;
  /** Why it was not answered, or null. */
  readonly refused: RenderedRefusal | null;
  /** The element or frame that caused it, when the page still held one. */
  readonly element: RenderedElement | null;
  /** Affiliate recognition of the URL. */
  readonly affiliate: AffiliateMatch | null;
  /** `Set-Cookie` headers of the response (attempts: the browser may still have blocked them). */
  readonly cookies: readonly CookieFeature[];
}

/** A cookie a script wrote with `document.cookie`. */
export interface ScriptCookieFeature {
  /** Cookie name. */
  readonly name: string;
  /** URL of the frame whose script wrote it. */
  readonly frameUrl: string;
  /** Affiliate recognition of that frame's URL. */
  readonly affiliate: AffiliateMatch | null;
}

/** What rendering one page showed. */
export interface RenderFeatures {
  /** `ok`; `timeout` when the page's time budget ran out (what was seen so far is kept); `failed` when the browser failed. */
  readonly outcome: 'ok' | 'timeout' | 'failed';
  /** Why the outcome is not `ok`, or null. */
  readonly message: string | null;
  /** The top document's URL when rendering ended. */
  readonly finalUrl: string;
  /** Requests, in the order the browser made them, bounded. */
  readonly requests: readonly RenderedRequest[];
  /** Requests the page made in all (recorded or not). */
  readonly requestCount: number;
  /** Requests refused by the guard or a limit. */
  readonly refusedCount: number;
  /** Limits reached (`requests`, `bytes`, `frame-depth`, `time`), sorted. */
  readonly limitsHit: readonly string[];
  /** Response bytes the pages' requests were answered with. */
  readonly bytes: number;
  /** Cookies written by scripts, bounded. */
  readonly scriptCookies: readonly ScriptCookieFeature[];
  /** Connections the browser tried to open past the interception (WebSocket, service worker…), refused by the local proxy. */
  readonly backstopRefusals: readonly string[];
}
