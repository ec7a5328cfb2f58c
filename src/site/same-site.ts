/**
 * Follows the hidden frames and images a page loads from the applicant's own domain — the
 * most common stuffing shape is a same-site URL that answers 302 to a network click URL, or a
 * same-site frame whose document loads the click URL (the network then sees no referrer from
 * the applicant). Bounded in count and depth; every request guarded like the page's own.
 * @module
 */
import { analyzePage, asFrameContent, type EmbeddedParts } from './analyze-page.js';
import type { AnalyzeOptions } from './analyze/options.js';
import { matchAffiliate } from './affiliate-networks.js';
import type { SameSiteLoad } from './analyze/embedded.js';
import type { FetchOptions, ProbeResult } from './fetch-types.js';
import type { ElementFeature, HiddenReason } from './features.js';
import { fetchSite } from './fetch.js';
import { probeUrl } from './probe.js';

/** Bounds of following. */
export interface SameSiteBounds {
  /** Frames and images requested at most, all depths together. Default 6. */
  readonly maxLoads: number;
  /** Frame nesting followed (1: only the page's own frames). Default 2. */
  readonly maxDepth: number;
}

/** What following found: findings to merge into the page, and the redirect chains as probes. */
export interface SameSiteFindings {
  /** Elements and scripts re-homed in the page. */
  readonly parts: readonly EmbeddedParts[];
  /** Chains that reached an affiliate click URL, as probe results (their cookies prove stuffing). */
  readonly probes: readonly ProbeResult[];
  /** URLs requested. */
  readonly followed: readonly string[];
}

/** A redirect element: the same-site element, now pointing at the click URL its chain reached. */
function redirected(load: SameSiteLoad, probe: ProbeResult, merchantDomains: readonly string[], hidden: readonly HiddenReason[]): ElementFeature | null {
  for (const hop of probe.hops.slice(1)) {
    const affiliate = matchAffiliate(hop.url, merchantDomains);
    if (affiliate?.kind !== 'click') continue;
    return { tag: load.tag, url: hop.url, attribute: `src→redirect`, index: -1, hidden: true, hiddenReasons: [...new Set([...load.hiddenReasons, ...hidden])].sort(), width: null, height: null, inNoscript: false, rel: null, affiliate, snippet: `<${load.tag} src="${load.url.slice(0, 300)}"> → ${probe.hops.map((h) => h.status).join(' → ')}` };
  }
  return null;
}

/**
 * Requests each hidden same-site load: images and frames are probed for their redirects;
 * frames that answer with a page are fetched and analysed as part of the page, and their own
 * hidden same-site loads followed in turn.
 */
export async function followSameSite(loads: readonly SameSiteLoad[], fetchOptions: FetchOptions, analyzeOptions: AnalyzeOptions, bounds: SameSiteBounds = { maxLoads: 6, maxDepth: 2 }): Promise<SameSiteFindings> {
  const merchantDomains = analyzeOptions.merchantDomains ?? [];
  const parts: EmbeddedParts[] = [];
  const probes: ProbeResult[] = [];
  const followed: string[] = [];
  const seen = new Set<string>();
  // Only hidden loads of the page itself; inside a hidden frame everything is hidden.
  let level: Array<{ load: SameSiteLoad; hidden: readonly HiddenReason[] }> = loads.filter((load) => load.hiddenReasons.length > 0).map((load) => ({ load, hidden: [] }));
  for (let depth = 1; depth <= bounds.maxDepth && level.length > 0; depth += 1) {
    const batch = level.filter(({ load }) => !seen.has(load.url) && seen.add(load.url)).slice(0, Math.max(0, bounds.maxLoads - followed.length));
    followed.push(...batch.map(({ load }) => load.url));
    const results = await Promise.all(
      batch.map(async ({ load, hidden }) => {
        const probe = await probeUrl(load.url, { ...fetchOptions, merchantDomains: [...merchantDomains] });
        const element = redirected(load, probe, merchantDomains, hidden);
        if (element !== null) return { parts: [{ elements: [element], scripts: [] }], probe, next: [] };
        if (load.tag === 'img' || probe.failure !== null) return { parts: [], probe: null, next: [] };
        const page = await fetchSite(load.url, fetchOptions);
        if (page.html === null) return { parts: [], probe: null, next: [] };
        const child = analyzePage({ html: page.html, url: load.url, fetched: page }, { ...analyzeOptions, snapshot: false });
        const frameHidden = [...new Set([...load.hiddenReasons, ...hidden])];
        const next = child.sameSite.map((l) => ({ load: l, hidden: frameHidden }));
        return { parts: [asFrameContent(child.features, `frame ${load.url}`, frameHidden, 0)], probe: null, next };
      }),
    );
    level = [];
    for (const r of results) {
      parts.push(...r.parts);
      if (r.probe !== null) probes.push(r.probe);
      level.push(...r.next);
    }
  }
  return { parts, probes, followed };
}
