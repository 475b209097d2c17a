/** Goal areas, strategies and commitments as their pages and forms see them (the stored item of the latest version). */
import type { Citation } from '../../../core/goals/framework-schema.ts';
import type { Versions } from '../../../core/contracts/goals.ts';

export type ItemKind = 'goal_area' | 'strategy' | 'commitment';
type Bilingual = { sv: string; en: string };

/** The page path segment and the API path of each kind. */
export const ITEM_KINDS: Record<string, { kind: ItemKind; api: string }> = {
  omrade: { kind: 'goal_area', api: 'goal-areas' },
  strategi: { kind: 'strategy', api: 'strategies' },
  atagande: { kind: 'commitment', api: 'commitments' },
};

export const itemPage = (kind: ItemKind, id: string): string =>
  `/mal/${kind === 'goal_area' ? 'omrade' : kind === 'strategy' ? 'strategi' : 'atagande'}/${encodeURIComponent(id)}`;

/** The framework-shaped content of an item (one shape for the three kinds; each uses its fields). */
export interface ItemSpec {
  id: string;
  title: Bilingual;
  citation: Citation;
  description?: Bilingual;
  text?: string;
  order?: number;
  number?: number;
  numeral?: string;
  linkedGoalAreas?: string[];
  linkedStrategies?: string[];
  targetIds?: string[];
  responsibleCommittee?: string;
}

export interface ItemState {
  spec: ItemSpec;
  /** goal areas: the roadmap's or the reform programme's */
  framework: 'roadmap' | 'reform' | null;
  /** strategies and commitments: the goal area (or reform area) they are in */
  goalAreaId: string | null;
  publication: 'draft' | 'published';
  retired: boolean;
  version: number;
}

/** The item as its latest visible version holds it. */
export function latestItem(v: Versions): ItemState | null {
  const last = v.versions.at(-1);
  if (!last) return null;
  const row = last.item as { spec: ItemSpec; framework?: 'roadmap' | 'reform'; goalAreaId?: string };
  return {
    spec: row.spec,
    framework: row.framework ?? null,
    goalAreaId: row.goalAreaId ?? null,
    publication: last.publication,
    retired: last.retired,
    version: last.version,
  };
}

/** 1 → I, 4 → IV, 9 → IX (strategy numerals as the remissvar writes them). */
export function roman(n: number): string {
  const parts: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = Math.max(0, Math.floor(n));
  for (const [v, s] of parts)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}
