/**
 * What `analyzeSite` reads and how far it goes: its input, options and bounds.
 * @module
 */
import type { FetchedSite, ProbeResult } from '../fetch-types.js';

/** Bounds of one analysis; every field has a safe default. */
export interface AnalyzeLimits {
  /** Start tags parsed; the rest of the page is cut (`limits.elementLimitHit`). Default 50,000. */
  maxElements?: number;
  /** Nesting depth kept; deeper container tags are dropped, loading tags never. Default 256. */
  maxDepth?: number;
  /** Characters read per inline script. Default 100,000. */
  maxScriptChars?: number;
  /** Inline scripts analysed. Default 200. */
  maxScripts?: number;
  /** Characters of visible text kept in `content.text`. Default 100,000. */
  maxTextChars?: number;
  /** Characters of sanitised snapshot kept. Default 20,000. */
  maxSnapshotChars?: number;
  /** Characters of HTML fed to the sanitiser (twice the kept snapshot is plenty; jsdom is the costly step). Default 40,000. */
  maxSnapshotInputChars?: number;
  /** Affiliate elements kept in `elements`. Default 500. */
  maxElementFeatures?: number;
}

/** Options of `analyzeSite`. */
export interface AnalyzeOptions {
  /** Merchant registrable domains (`example-shop.com`): links to them with a query string count as affiliate links. */
  merchantDomains?: readonly string[];
  /** Merchant brand terms for typosquat detection (`exampleshop`). */
  brandTerms?: readonly string[];
  /** Analysis bounds. */
  limits?: AnalyzeLimits;
  /** Build the sanitised snapshot (default true; the cloaking copy skips it). */
  snapshot?: boolean;
}

/** What `analyzeSite` reads. */
export interface AnalyzeInput {
  /** The page's HTML, or null when none was fetched (refused, failed, not HTML). */
  html: string | null;
  /** The URL screened. */
  url: string;
  /** What `fetchSite` recorded, when the page was fetched. */
  fetched?: FetchedSite;
  /** Results of probing auto-loaded affiliate URLs. */
  probes?: readonly ProbeResult[];
  /** The page as a search crawler was served it, for the cloaking check. */
  cloakingHtml?: string | null;
}

/** The bounds used where {@link AnalyzeLimits} leaves a field out. */
export const DEFAULT_LIMITS: Required<AnalyzeLimits> = {
  maxElements: 50_000,
  maxDepth: 256,
  maxScriptChars: 100_000,
  maxScripts: 200,
  maxTextChars: 100_000,
  maxSnapshotChars: 20_000,
  maxSnapshotInputChars: 40_000,
  maxElementFeatures: 500,
};

