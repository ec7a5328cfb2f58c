/**
 * Brand similarity for typosquat detection: a confusable-character skeleton (homoglyphs,
 * digit look-alikes) and a bounded Damerau–Levenshtein distance.
 * @module
 */

// Unicode letters that render like ASCII ones (Cyrillic, Greek, Latin variants), and ASCII
// digit/letter look-alikes typosquatters use. Mapped to the ASCII letter they imitate.
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', τ: 't', ι: 'i', κ: 'k', χ: 'x', υ: 'u', ε: 'e',
  ɡ: 'g', ɑ: 'a', ı: 'i', ȷ: 'j', ḿ: 'm', ń: 'n', ó: 'o', ò: 'o', ö: 'o', ô: 'o', á: 'a', à: 'a', ä: 'a', â: 'a', é: 'e', è: 'e', ë: 'e', ê: 'e', í: 'i', ì: 'i', ï: 'i', ú: 'u', ù: 'u', ü: 'u', ç: 'c', ñ: 'n',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '7': 't', '4': 'a', '@': 'a', '$': 's',
};

/** Lower-case letters and digits only (hyphens and dots removed). */
export function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Maps look-alike characters to ASCII and `rn`→`m`, `vv`→`w`, `i`→`l` so `paypa1`, `rnicrosoft` and `аpple` meet their brands. */
export function skeleton(text: string): string {
  let out = '';
  for (const ch of compact(text)) out += CONFUSABLES[ch] ?? ch;
  return out.replaceAll('rn', 'm').replaceAll('vv', 'w').replaceAll('i', 'l');
}

/** Optimal-string-alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 64 || b.length > 64) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
