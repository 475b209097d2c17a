/** The interventions API's types and money formatting for the pages. */
import {
  formatKronor,
  formatMnkr,
  formatScaled,
  roundRatio,
  formatPercent,
  formatPercentagePoints,
  formatPerResident,
  ratio,
} from '../../../core/money.ts';
import type { Lang } from '../../i18n/index.tsx';
import type { z } from 'zod';
import type {
  budgetResponse,
  detailResponse,
  listResponse,
  previewResponse,
} from '../../../core/contracts/interventions.ts';
import { INTERVENTION_STATUSES } from '../../../core/interventions/types.ts';

/** The interventions API's shapes: the contract's types (src/core/contracts/interventions.ts), never copies. */
export type ListResponse = z.infer<typeof listResponse>;
export type ListItem = ListResponse['items'][number];
export type Detail = z.infer<typeof detailResponse>;
export type BudgetResponse = z.infer<typeof budgetResponse>;
export type TotalsView = BudgetResponse['byYear'];
export type Money = TotalsView['total'];
export type Measure = BudgetResponse['measure'];
export type ApiRatio = NonNullable<NonNullable<BudgetResponse['perResident']>['cityWidePerResident']>;
export type Preview = z.infer<typeof previewResponse>;
export type Problem = Preview['problems'][number];
export type { InterventionStatus as Status } from '../../../core/interventions/types.ts';

export const STATUSES = INTERVENTION_STATUSES;
export const MEASURES: readonly Measure[] = ['planned', 'decided', 'spent'];

/** Exact mnkr ("4,5 mnkr"); a dash for unknown amounts. */
export function mnkr(kronor: string | null | undefined, lang: Lang, unit = true): string {
  if (kronor === null || kronor === undefined) return '–';
  return formatMnkr(BigInt(kronor), lang, { unit });
}

/** mnkr for reading: at most two decimals, trailing zeros dropped ("14,85"); a dash for unknown amounts. */
export function mnkrShort(kronor: string | null | undefined, lang: Lang, unit = true): string {
  if (kronor === null || kronor === undefined) return '–';
  const number = formatScaled(roundRatio(ratio(BigInt(kronor), 1_000_000n), 2), 2, lang, true);
  if (!unit) return number;
  return lang === 'sv' ? `${number}\u00a0mnkr` : `SEK\u00a0${number}\u00a0million`;
}

/** The exact amount in whole kronor ("14 845 678 kr"), for the tooltip of a rounded mnkr figure. */
export function kronorExact(kronor: string, lang: Lang): string {
  return formatKronor(BigInt(kronor), lang);
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
