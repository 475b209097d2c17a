/**
 * Crosswalks between area divisions, with weights, method and confidence. Pure.
 *
 * A link says: `weight` of the source area's counts belong to the target area. Every crosswalk
 * built here uses whole areas (weight 1), so counts stay whole numbers and totals are exact; where a
 * source area really spans several targets (a composite RegSO), it is given to one target and the
 * link's confidence and note say so.
 */
import { nameKey } from './names.ts';

export type CrosswalkMethod =
  /** SCB's published key (DeSO → RegSO). */
  | 'exact-key'
  /** The source name equals the target name (case and spacing ignored). */
  | 'name-match'
  /** Resolved by hand in a documented table (composite names, parish-based names). */
  | 'explicit-table'
  /** A spatial join of polygons with sample points (stadsdel → stadsdelsområde). */
  | 'spatial-join'
  /** Every area of the source division lies in the target (→ the city). */
  | 'containment';

export interface CrosswalkLink {
  fromCode: string;
  toCode: string;
  weight: number;
  method: CrosswalkMethod;
  /** 0..1: how sure the link is. */
  confidence: number;
  note: string | null;
}

export interface UnmatchedArea {
  code: string;
  name: string;
  reason: string;
}

export interface Crosswalk {
  id: string;
  fromDivision: string;
  toDivision: string;
  /** The crosswalk's main method (links may differ, e.g. explicit-table links in a name-match crosswalk). */
  kind: CrosswalkMethod;
  /** A sentence on how the crosswalk was built. */
  method: string;
  links: CrosswalkLink[];
  /** Source areas that could not be linked (their counts do not reach the target division). */
  unmatched: UnmatchedArea[];
  /** Target areas that no source area links to (no data from this crosswalk). */
  uncovered: UnmatchedArea[];
}

export interface NamedArea {
  code: string;
  name: string;
}

/** DeSO → RegSO from SCB's key: each DeSO lies in exactly one RegSO. */
export function buildKeyCrosswalk(
  id: string,
  fromDivision: string,
  toDivision: string,
  pairs: readonly { from: string; to: string }[],
): Crosswalk {
  const seen = new Map<string, string>();
  const links: CrosswalkLink[] = [];
  for (const p of pairs) {
    const prev = seen.get(p.from);
    if (prev !== undefined) {
      if (prev !== p.to) throw new Error(`${p.from} is keyed to both ${prev} and ${p.to}`);
      continue;
    }
    seen.set(p.from, p.to);
    links.push({ fromCode: p.from, toCode: p.to, weight: 1, method: 'exact-key', confidence: 1, note: null });
  }
  links.sort((a, b) => a.fromCode.localeCompare(b.fromCode));
  return {
    id,
    fromDivision,
    toDivision,
    kind: 'exact-key',
    method: "SCB's published key from DeSO 2018 to RegSO; each DeSO lies wholly in one RegSO (exact).",
    links,
    unmatched: [],
    uncovered: [],
  };
}

/** One hand resolution of a source name that is not a target name. */
export interface NameResolution {
  /** The source area's name as the source writes it (compared with nameKey). */
  from: string;
  /** The target area's name as the target source writes it (compared with nameKey). */
  to: string;
  confidence: number;
  /** Why this target; what else the source area covers. */
  note: string;
}

/**
 * Matches source areas to target areas by name: first an exact name match (case, spacing and dash
 * spacing ignored), then the explicit table; anything else is listed as unmatched with a reason.
 */
export function buildNameCrosswalk(
  id: string,
  fromDivision: string,
  toDivision: string,
  sources: readonly NamedArea[],
  targets: readonly NamedArea[],
  resolutions: readonly NameResolution[],
): Crosswalk {
  const byName = new Map<string, NamedArea>();
  for (const t of targets) byName.set(nameKey(t.name), t);
  const table = new Map<string, NameResolution>();
  for (const r of resolutions) {
    if (!byName.has(nameKey(r.to)))
      throw new Error(`explicit resolution ${r.from} → ${r.to}: no target area named ${r.to}`);
    table.set(nameKey(r.from), r);
  }
  const links: CrosswalkLink[] = [];
  const unmatched: UnmatchedArea[] = [];
  for (const s of sources) {
    const key = nameKey(s.name);
    const exact = byName.get(key);
    if (exact) {
      links.push({ fromCode: s.code, toCode: exact.code, weight: 1, method: 'name-match', confidence: 1, note: null });
      continue;
    }
    const r = table.get(key);
    if (r) {
      const t = byName.get(nameKey(r.to))!;
      links.push({
        fromCode: s.code,
        toCode: t.code,
        weight: 1,
        method: 'explicit-table',
        confidence: r.confidence,
        note: r.note,
      });
      continue;
    }
    const partial = targets.filter((t) => key.includes(nameKey(t.name))).map((t) => t.name);
    unmatched.push({
      code: s.code,
      name: s.name,
      reason: partial.length
        ? `no ${toDivision} is named "${s.name}" and the explicit table has no entry; the name contains ${partial.join(', ')} (a composite name needs an explicit resolution)`
        : `no ${toDivision} is named "${s.name}" and the explicit table has no entry (not a place name of the ${toDivision} layer, e.g. a parish name)`,
    });
  }
  const linked = new Set(links.map((l) => l.toCode));
  const uncovered = targets
    .filter((t) => !linked.has(t.code))
    .map((t) => {
      const via = resolutions
        .filter((r) => r.note.toLocaleLowerCase('sv-SE').includes(nameKey(t.name)))
        .map((r) => r.from);
      return {
        code: t.code,
        name: t.name,
        reason: via.length
          ? `no ${fromDivision} of its own; counted in ${via.join(', ')}`
          : `no ${fromDivision} has this name or is resolved to it (little or no population)`,
      };
    });
  return {
    id,
    fromDivision,
    toDivision,
    kind: 'name-match',
    method:
      'Names matched (case and spacing ignored); composite and parish-based names resolved by a documented table, each whole area to one target; the rest listed as unmatched.',
    links,
    unmatched,
    uncovered,
  };
}

/** Membership table (child → parent), e.g. stadsdel → stadsdelsområde, with the join's confidence. */
export function buildMembershipCrosswalk(
  id: string,
  fromDivision: string,
  toDivision: string,
  rows: readonly { from: string; to: string; confidence: number; note?: string | null }[],
  method: CrosswalkMethod,
  description: string,
): Crosswalk {
  const seen = new Set<string>();
  const links: CrosswalkLink[] = [];
  for (const r of rows) {
    if (seen.has(r.from)) throw new Error(`${r.from} belongs to more than one ${toDivision}`);
    seen.add(r.from);
    links.push({ fromCode: r.from, toCode: r.to, weight: 1, method, confidence: r.confidence, note: r.note ?? null });
  }
  return { id, fromDivision, toDivision, kind: method, method: description, links, unmatched: [], uncovered: [] };
}

/** Composes a → b and b → c into a → c (weights multiply, confidence is the lower one). */
export function composeCrosswalks(id: string, ab: Crosswalk, bc: Crosswalk): Crosswalk {
  const byFrom = new Map<string, CrosswalkLink[]>();
  for (const l of bc.links) {
    const list = byFrom.get(l.fromCode) ?? [];
    list.push(l);
    byFrom.set(l.fromCode, list);
  }
  const acc = new Map<string, CrosswalkLink>();
  const unmatched: UnmatchedArea[] = [...ab.unmatched];
  for (const l of ab.links) {
    const next = byFrom.get(l.toCode);
    if (!next) {
      unmatched.push({ code: l.fromCode, name: l.fromCode, reason: `${l.toCode} has no link in ${bc.id}` });
      continue;
    }
    for (const n of next) {
      const key = `${l.fromCode}\u0000${n.toCode}`;
      const prev = acc.get(key);
      const weight = l.weight * n.weight + (prev?.weight ?? 0);
      acc.set(key, {
        fromCode: l.fromCode,
        toCode: n.toCode,
        weight,
        method: l.method === n.method ? l.method : l.confidence <= n.confidence ? l.method : n.method,
        confidence: Math.min(l.confidence, n.confidence, prev?.confidence ?? 1),
        note: [l.note, n.note].filter(Boolean).join('; ') || null,
      });
    }
  }
  return {
    id,
    fromDivision: ab.fromDivision,
    toDivision: bc.toDivision,
    kind: ab.kind === bc.kind ? ab.kind : 'explicit-table',
    method: `${ab.id} then ${bc.id}`,
    links: [...acc.values()],
    unmatched,
    uncovered: bc.uncovered,
  };
}

/** Checks that every source code has links whose weights sum to 1 (within 1e-9). */
export function checkPartition(cw: Crosswalk): string[] {
  const sums = new Map<string, number>();
  for (const l of cw.links) sums.set(l.fromCode, (sums.get(l.fromCode) ?? 0) + l.weight);
  const problems: string[] = [];
  for (const [code, s] of sums) if (Math.abs(s - 1) > 1e-9) problems.push(`${code}: weights sum to ${s}`);
  return problems;
}
