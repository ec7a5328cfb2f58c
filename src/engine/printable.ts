/**
 * Text from input made safe to print on a terminal or in a log line.
 * @module
 */

// C0 controls but tab and newline, DEL and C1 controls, the soft hyphen, bidirectional
// controls (U+061C, U+200E/F, U+202A-E, U+2066-9), zero-width characters (U+200B-D, U+2060-4,
// U+FEFF), line and paragraph separators and interlinear annotation marks: all invisible or
// able to reorder what is shown around them (a file name that reads backwards).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/gu;

/** Replaces every invisible or reordering character with its `\uXXXX` escape. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
