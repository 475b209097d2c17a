/**
 * SCB's DeSO 2025 revision: a crosswalk from DeSO 2018 built from SCB's key (one row per pair of a
 * DeSO 2018 and a DeSO 2025 code). Unchanged and merged areas link with weight 1 (their counts add up
 * exactly); a DeSO 2018 split into several DeSO 2025 cannot be shared out without population weights,
 * which the key does not carry, so it is listed as unmatched with that reason.
 */
import type { Crosswalk, CrosswalkLink, UnmatchedArea } from './crosswalk.ts';

export const DESO_2025 = 'deso-2025';

export function buildDesoRevisionCrosswalk(
  fromDivision: string,
  pairs: readonly { deso2018: string; deso2025: string }[],
): Crosswalk {
  const targets = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = targets.get(p.deso2018) ?? new Set<string>();
    set.add(p.deso2025);
    targets.set(p.deso2018, set);
  }
  const links: CrosswalkLink[] = [];
  const unmatched: UnmatchedArea[] = [];
  for (const [from, to] of [...targets].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (to.size === 1) {
      const [code] = [...to];
      links.push({ fromCode: from, toCode: code!, weight: 1, method: 'exact-key', confidence: 1, note: null });
    } else {
      unmatched.push({
        code: from,
        name: from,
        reason: `split into ${[...to].sort().join(', ')}: sharing its counts needs population weights the key does not give`,
      });
    }
  }
  const reached = new Set(links.map((l) => l.toCode));
  const uncovered = [...new Set(pairs.map((p) => p.deso2025))]
    .filter((c) => !reached.has(c))
    .sort()
    .map((code) => ({ code, name: code, reason: 'made only of parts of split DeSO 2018' }));
  return {
    id: 'deso-deso-2025',
    fromDivision,
    toDivision: DESO_2025,
    kind: 'exact-key',
    method:
      "SCB's key from DeSO 2018 to DeSO 2025: unchanged and merged areas exact; split areas listed as unmatched (no weights offline).",
    links,
    unmatched,
    uncovered,
  };
}
