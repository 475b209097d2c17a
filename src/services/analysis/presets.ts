/** The analysis presets: the base division of the need index, segregation groups and the default need indicators. */
import type { z } from 'zod';
import type { needIndicatorChoiceSchema } from '../../core/contracts/analysis.ts';

/** The base division of the need index and the population indicator. */
export const NEED_BASE_DIVISION = 'deso';
export const POPULATION_INDICATOR = 'population';

export interface SegregationPreset {
  id: string;
  group: string;
  total: string;
  labelSv: string;
  labelEn: string;
}

/** Group/total pairs of count indicators from the reference catalogue. */
export const SEGREGATION_PRESETS: readonly SegregationPreset[] = [
  {
    id: 'foreign-background',
    group: 'population-foreign-background',
    total: 'population',
    labelSv: 'Utländsk bakgrund (mot svensk bakgrund)',
    labelEn: 'Foreign background (against Swedish background)',
  },
  {
    id: 'low-economic-standard',
    group: 'persons-low-economic-standard',
    total: 'economic-standard-persons',
    labelSv: 'Låg ekonomisk standard',
    labelEn: 'Low economic standard',
  },
  {
    id: 'born-outside-europe',
    group: 'population-born-outside-europe',
    total: 'population-birth-region-total',
    labelSv: 'Födda utanför Europa',
    labelEn: 'Born outside Europe',
  },
  {
    id: 'born-abroad',
    group: 'population-born-abroad',
    total: 'population-birth-region-total',
    labelSv: 'Utrikes födda',
    labelEn: 'Born abroad',
  },
  {
    id: 'unemployed',
    group: 'unemployed-16-64',
    total: 'labour-force-16-64',
    labelSv: 'Arbetslösa 16–64 år (av arbetskraften)',
    labelEn: 'Unemployed 16–64 (of the labour force)',
  },
  {
    id: 'compulsory-only',
    group: 'compulsory-only-25-64',
    total: 'population-25-64-education',
    labelSv: 'Högst förgymnasial utbildning 25–64 år',
    labelEn: 'At most compulsory school 25–64',
  },
  {
    id: 'rental-dwellings',
    group: 'dwellings-rental',
    total: 'dwellings',
    labelSv: 'Hyresrätter (av lägenheterna)',
    labelEn: 'Rental dwellings (of all dwellings)',
  },
];

/** An indicator of the need index and its weight (the analysis contract's). */
export type NeedIndicatorChoice = z.infer<typeof needIndicatorChoiceSchema>;

/** The default need index: SCB's three socioeconomic indicators, equal weights. */
export const DEFAULT_NEED_INDICATORS: readonly NeedIndicatorChoice[] = [
  { id: 'share-low-economic-standard', weight: 1 },
  { id: 'employment-rate-16-64', weight: 1 },
  { id: 'share-compulsory-only-25-64', weight: 1 },
];
