/**
 * `<link rel>` values that make the browser fetch the URL. A module of its own so that rules
 * can read it without importing the analyser (and with it cheerio and the sanitiser's jsdom,
 * which a click scan never needs).
 *
 * @module
 */

/** `<link rel>` values that make the browser fetch the URL. */
export const LOADING_LINK_RELS: readonly string[] = ['prefetch', 'preload', 'prerender', 'stylesheet', 'icon', 'modulepreload', 'shortcut'];
