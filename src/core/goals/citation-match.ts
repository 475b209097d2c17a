// Finding a cited heading or phrase in an OCR'd source document. Pure.
//
// The seed documents are OCR'd: å/ä/ö come out as a, é, 6, & and similar, words are split by
// line breaks and page furniture. We normalise both sides (lower case, diacritics and the common
// OCR substitutes folded to plain letters, punctuation dropped, whitespace collapsed) and then
// accept an approximate occurrence: the edit distance between the phrase and some substring of the
// document is at most 10 % of the phrase's length (at least 1).

const OCR_FOLD: Record<string, string> = {
  '6': 'o', // "6ka" = öka
  '&': 'a', // "&r" = är
  é: 'a', // "férebyggande", "Sékerstéll": é stands for ö or ä; folded below
};

export function normaliseForMatch(text: string): string {
  let s = text.toLowerCase();
  s = s.replace(/[6&é]/g, (c) => OCR_FOLD[c] ?? c);
  s = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  // after folding, ö and ä both become o/a; make the two vowels one class so that é (ö or ä) matches either
  s = s.replace(/o/g, 'a');
  s = s.replace(/[^a-z0-9]+/g, ' ').trim();
  return s;
}

/** Smallest edit distance between `needle` and any substring of `haystack` (Sellers' algorithm). */
export function approximateSubstringDistance(needle: string, haystack: string): number {
  const m = needle.length;
  if (m === 0) return 0;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = m;
  for (let j = 1; j <= haystack.length; j++) {
    cur[0] = 0;
    const hc = haystack.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const cost = needle.charCodeAt(i - 1) === hc ? 0 : 1;
      const a = (prev[i - 1] as number) + cost;
      const b = (prev[i] as number) + 1;
      const c = (cur[i - 1] as number) + 1;
      cur[i] = a < b ? (a < c ? a : c) : b < c ? b : c;
    }
    if ((cur[m] as number) < best) best = cur[m] as number;
    if (best === 0) return 0;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return best;
}

export interface MatchResult {
  found: boolean;
  distance: number;
  allowed: number;
}

/** Whether `phrase` occurs in `document`, tolerating OCR damage (see the module comment). */
export function findInDocument(phrase: string, document: string, tolerance = 0.1): MatchResult {
  const needle = normaliseForMatch(phrase);
  const haystack = normaliseForMatch(document);
  const allowed = Math.max(1, Math.floor(needle.length * tolerance));
  if (haystack.includes(needle)) return { found: true, distance: 0, allowed };
  const distance = approximateSubstringDistance(needle, haystack);
  return { found: distance <= allowed, distance, allowed };
}
