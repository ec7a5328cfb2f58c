/**
 * The bundled phrase and signature lists the analysis matches pages against, read once.
 * @module
 */
import { readFileSync } from 'node:fs';

/** A phrase a page is matched against. */
export interface PhraseEntry {
  /** Stable id, reported as evidence. */
  id: string;
  /** The phrase, matched on normalised words. */
  phrase: string;
  /** A weak phrase counts only beside others. */
  weak?: boolean;
}
/** The bundled lists. */
export interface Datasets {
  /** Placeholder text (lorem ipsum, theme demo copy). */
  placeholders: PhraseEntry[];
  /** Text of domain-parking pages. */
  parkedText: PhraseEntry[];
  /** Hosts parking pages load resources from. */
  parkedHosts: Array<{ id: string; host: string }>;
}
let datasets: Datasets | undefined;
/** The bundled lists, read on first use. */
export function loadDatasets(): Datasets {
  if (datasets !== undefined) return datasets;
  const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../datasets/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const placeholder = read('placeholder-text.json') as { phrases: PhraseEntry[] };
  const parking = read('parking-signatures.json') as { text: PhraseEntry[]; resource: Array<{ id: string; host: string }> };
  datasets = { placeholders: placeholder.phrases, parkedText: parking.text, parkedHosts: parking.resource };
  return datasets;
}

