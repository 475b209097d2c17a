/** Shapes of the interventions API (src/core/contracts/interventions.ts) and money formatting for the pages. */
import { formatMnkr, formatPercent, formatPercentagePoints, formatPerResident, ratio } from '../../../core/money.ts';
import type { Lang } from '../../i18n/index.tsx';
import type { z } from 'zod';
import type { detailResponse, listResponse } from '../../../core/contracts/interventions.ts';

export type Status = 'planned' | 'decided' | 'running' | 'finished' | 'stopped';
export const STATUSES: readonly Status[] = ['planned', 'decided', 'running', 'finished', 'stopped'];
export type Measure = 'planned' | 'decided' | 'spent';
export const MEASURES: readonly Measure[] = ['planned', 'decided', 'spent'];

export interface Money {
  planned: string;
  decided: string;
  spent: string;
}
export interface Named {
  id: string;
  name: string;
  nameEn: string;
}
export interface AreaLabel {
  key: string;
  name: string;
}
export interface ApiRatio {
  num: string;
  den: string;
  value: number;
}

/** The list and one intervention, as the API's contract says (src/core/contracts/interventions.ts). */
export type ListResponse = z.infer<typeof listResponse>;
export type ListItem = ListResponse['items'][number];
export type Detail = z.infer<typeof detailResponse>;

export interface TotalsView {
  overlapping: boolean;
  total: Money;
  rows: { key: string; name: string; nameEn: string; interventions: number; totals: Money }[];
}

export interface BudgetResponse {
  years: number[];
  year: number | null;
  measure: Measure;
  byYear: TotalsView;
  byGoalArea: TotalsView;
  byCommittee: TotalsView;
  byFundingSource: TotalsView;
  byArea: TotalsView;
  perResident: {
    division: string;
    populationPeriod: string | null;
    populationSource: string | null;
    needIndicator: string;
    needPeriod: string | null;
    needSource: string | null;
    districts: {
      key: string;
      name: string;
      amount: string;
      residents: string;
      perResident: ApiRatio | null;
      moneyShare: ApiRatio | null;
      needShare: ApiRatio | null;
      gap: ApiRatio | null;
    }[];
    placed: string;
    cityWide: string;
    cityWidePerResident: ApiRatio | null;
    unplaced: string;
    unplacedInterventions: string[];
    total: string;
  } | null;
}

export interface Problem {
  row: number;
  column: string;
  columnIndex: number;
  code: string;
  value?: string;
  message: string;
}

export interface Preview {
  ok: boolean;
  rowCount: number;
  problems: Problem[];
  totals: Money & { budgetLines: number };
  interventions: {
    id: string;
    name: string;
    committee: string;
    status: Status;
    areas: string[];
    budgetLines: number;
    totals: Money;
    action: 'create' | 'update';
  }[];
}

/** Exact mnkr ("4,5 mnkr"); a dash for unknown amounts. */
export function mnkr(kronor: string | null | undefined, lang: Lang, unit = true): string {
  if (kronor === null || kronor === undefined) return '–';
  return formatMnkr(BigInt(kronor), lang, { unit });
}

/** mnkr as a number, for charts only. */
export function mnkrNumber(kronor: string): number {
  return Number(BigInt(kronor)) / 1e6;
}

const toRatio = (r: ApiRatio) => ratio(BigInt(r.num), BigInt(r.den));

export function perResidentText(r: ApiRatio | null, lang: Lang): string {
  return r ? formatPerResident(toRatio(r), lang) : '–';
}
export function percentText(r: ApiRatio | null, lang: Lang): string {
  return r ? formatPercent(toRatio(r), lang) : '–';
}
export function pointsText(r: ApiRatio | null, lang: Lang): string {
  return r ? formatPercentagePoints(toRatio(r), lang) : '–';
}
