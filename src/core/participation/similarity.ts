/**
 * Similar proposals: a plain token-overlap similarity, so a resident typing a new proposal sees the
 * ones that already say the same thing. Pure.
 *
 * Tokens: the text lower-cased, split on anything that is not a letter or digit, words shorter than
 * three characters and common Swedish/English filler words dropped, and a crude Swedish/English
 * ending stripped so that "lekplatsen" and "lekplats" match. Similarity is the overlap coefficient
 * |A ∩ B| / min(|A|, |B|) of the two token sets (0 when either is empty).
 */

const STOP = new Set(
  (
    'och att det som för med den till har inte kan ska vill vara från eller men där här på av ett en om så de vi ni han hon ' +
    'man mer mycket alla också bara sin sitt sina vår våra vårt efter under över mot utan när hur vad the and for with that this ' +
    'from are was have has not can will should our you they there here into about more very some'
  ).split(/\s+/),
);

const ENDINGS = [
  'arna',
  'erna',
  'orna',
  'ande',
  'ende',
  'heten',
  'het',
  'ing',
  'en',
  'et',
  'ar',
  'er',
  'or',
  'na',
  'ed',
  'es',
  's',
  'n',
  'a',
  'e',
];

/** Strip endings until none applies (keeping at least four characters): lekplatsen → lekplats → lekplat. */
function stem(w: string): string {
  for (;;) {
    const e = ENDINGS.find((x) => w.length - x.length >= 4 && w.endsWith(x));
    if (!e) return w;
    w = w.slice(0, -e.length);
  }
}

export function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP.has(raw)) continue;
    out.add(stem(raw));
  }
  return out;
}

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / Math.min(a.size, b.size);
}

export interface SimilarCandidate {
  readonly id: string;
  readonly text: string;
}

/** The candidates most similar to `text` (score ≥ minScore), best first, at most `limit`. Ties by id. */
export function mostSimilar<T extends SimilarCandidate>(
  text: string,
  candidates: readonly T[],
  limit = 5,
  minScore = 0.34,
): { item: T; score: number }[] {
  const q = tokens(text);
  if (q.size === 0) return [];
  return candidates
    .map((item) => ({ item, score: similarity(q, tokens(item.text)) }))
    .filter((x) => x.score >= minScore)
    .sort((x, y) => y.score - x.score || (x.item.id < y.item.id ? -1 : x.item.id > y.item.id ? 1 : 0))
    .slice(0, limit);
}
