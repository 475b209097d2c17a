/** Analys › Segregation: the measures' shapes as the API returns them, and the measures the screen shows. */

export interface Spread {
  period: number;
  n: number;
  maxMinRatio: number | null;
  fifthsRatio: number | null;
  cv: number | null;
  weightedCv: number | null;
}

export interface SegregationData {
  division: string;
  preset: string | null;
  period: string;
  periods: string[];
  measures: {
    D: number;
    H: number;
    M: number;
    xPx: number;
    xPy: number;
    G: number;
    share: number;
    n: number;
    skipped: string[];
  };
  missing: string[];
  cityShare: number;
  areas: {
    code: string;
    name: string;
    group: number | null;
    total: number | null;
    share: number | null;
    difference: number | null;
  }[];
  trend: { period: string; D: number; H: number; xPx: number; xPy: number; G: number; share: number; n: number }[];
  divides: { periods: Spread[]; cvSlope: number | null; cvChange: number | null; narrowing: boolean | null };
  moran: {
    I: number;
    EI: number;
    zNorm: number;
    pNorm: number;
    zRand: number;
    pRand: number;
    isolates: string[];
  } | null;
  moranNote: string | null;
  sources: string[];
}

export const MEASURES = ['D', 'H', 'xPx', 'xPy', 'G'] as const;

export interface MultigroupData {
  set: { id: string; labelSv: string; labelEn: string };
  groups: { id: string; labelSv: string; labelEn: string; share: number }[];
  period: string;
  measures: { multiD: number; multiH: number; M: number; multiG: number; normExposure: number; n: number };
  sources: string[];
}

export const MULTI = ['multiD', 'multiH', 'M', 'multiG', 'normExposure'] as const;
