/** Analys › Segregation: the measures' shapes as the API returns them (their contracts), and the measures the screen shows. */
import type { z } from 'zod';
import type { multigroupResponse, segregationResponse } from '../../../core/contracts/analysis.ts';

export type SegregationData = z.infer<typeof segregationResponse>;
export type Spread = SegregationData['divides']['periods'][number];

export const MEASURES = ['D', 'H', 'xPx', 'xPy', 'G'] as const;

export type MultigroupData = z.infer<typeof multigroupResponse>;

export const MULTI = ['multiD', 'multiH', 'M', 'multiG', 'normExposure'] as const;
