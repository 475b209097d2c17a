/**
 * Place names as people write them, and stable codes derived from names. Pure.
 *
 * Stockholm's stadsdel layer writes names in capitals (`HÄSSELBY GÅRD`). Swedish writes compound
 * place names with only the first word capitalised (`Hässelby gård`, `Bromma kyrka`, `Örby slott`),
 * except that a word after a positional adjective (`Norra`, `Södra`, `Östra`, `Västra`, `Stora`,
 * `Lilla`, `Gamla`) is itself a name (`Norra Ängby`, `Stora Essingen`, `Gamla Enskede`). The few
 * names that break these rules, or are abbreviated in the source, are listed in NAME_EXCEPTIONS.
 */

/** Source spelling (capitals) → display name, where the rules above do not give the right result. */
export const NAME_EXCEPTIONS: Readonly<Record<string, string>> = {
  'GAMLA STAN': 'Gamla stan',
  'ULVSUNDA INDUSTRIOMR': 'Ulvsunda industriområde',
};

const POSITIONAL = new Set([
  'norra',
  'södra',
  'östra',
  'västra',
  'stora',
  'lilla',
  'gamla',
  'mellersta',
  'nedre',
  'övre',
]);

function capitalise(word: string): string {
  // Hyphenated parts are names of their own (`Rinkeby-Kista`).
  return word
    .split('-')
    .map((p) => (p ? p[0]!.toLocaleUpperCase('sv-SE') + p.slice(1) : p))
    .join('-');
}

/** `HÄSSELBY GÅRD` → `Hässelby gård`; `NORRA ÄNGBY` → `Norra Ängby`; already mixed-case names are kept. */
export function displayName(source: string): string {
  const trimmed = source.trim().replace(/\s+/g, ' ');
  const exception = NAME_EXCEPTIONS[trimmed.toLocaleUpperCase('sv-SE')];
  if (exception) return exception;
  if (trimmed !== trimmed.toLocaleUpperCase('sv-SE')) return trimmed; // already written by people
  const words = trimmed.toLocaleLowerCase('sv-SE').split(' ');
  return words.map((w, i) => (i === 0 || POSITIONAL.has(words[i - 1]!) ? capitalise(w) : w)).join(' ');
}

/** A comparison key for names: case, accents on e, spacing and dashes ignored (å, ä, ö are kept). */
export function nameKey(name: string): string {
  return name
    .trim()
    .toLocaleLowerCase('sv-SE')
    .replace(/[éè]/g, 'e')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*[-–]\s*/g, '-');
}

/** ASCII slug for codes: `Hässelby gård` → `hasselby-gard`. */
export function slug(name: string): string {
  return nameKey(name)
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
