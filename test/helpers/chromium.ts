/**
 * Render tests need Debian's chromium (or `PARTNERGUARD_CHROMIUM`). Without it they skip and
 * say why, once per file.
 */
import { describe } from 'vitest';
import { findChromium } from '../../src/site/render/locate.js';

/** The Chromium the render tests drive, or null. */
export const chromiumPath = findChromium();

/** `describe` when Chromium is installed, else `describe.skip` after printing why. */
export function describeRender(name: string, body: () => void): void {
  if (chromiumPath === null) {
    console.warn(`[skip] ${name}: no Chromium found (install the chromium package or set PARTNERGUARD_CHROMIUM)`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}
