/** Analys › Fördelning: the allocation's shapes as the API returns them, and the editor's form as a request body. */
import { parseMnkr } from '../../../core/money.ts';
import type { z } from 'zod';
import type { allocationResponse, scenarioFullResponse } from '../../../core/contracts/analysis.ts';
import { AREA_TYPES, type AreaType } from './shared.tsx';

/** The allocation and a saved scenario as the API's contract gives them (src/core/contracts/analysis.ts). */
export type Allocation = z.infer<typeof allocationResponse>;
export type Line = Allocation['lines'][number];
export type Scenario = z.infer<typeof scenarioFullResponse>;

export interface Form {
  division: string;
  sum: string;
  year: string;
  floor: string;
  cap: string;
  weights: Record<AreaType, string>;
  transition: boolean;
  formulaPercent: string;
  baseYear: string;
  /** '' = money planned in baseYear; else the id of a saved scenario. */
  baseScenario: string;
}

const num = (s: string) => Number(s.replace(',', '.').replace(/\s/g, ''));

/** The form as the body of an allocation request, or which part of it is invalid. */
export function toBody(f: Form): { body: Record<string, unknown> } | { error: string } {
  try {
    const total = parseMnkr(f.sum);
    const floor = f.floor.trim() ? parseMnkr(f.floor) : null;
    const cap = f.cap.trim() ? parseMnkr(f.cap) : null;
    const typeWeights = Object.fromEntries(AREA_TYPES.map((t) => [t, num(f.weights[t])]));
    if (Object.values(typeWeights).some((w) => !Number.isFinite(w) || w < 0)) return { error: 'weights' };
    const year = Number(f.year);
    return {
      body: {
        division: f.division,
        totalSek: total.toString(),
        year,
        typeWeights,
        floorSek: floor === null ? null : floor.toString(),
        capSek: cap === null ? null : cap.toString(),
        transition: f.transition
          ? {
              formulaPercent: num(f.formulaPercent),
              base: f.baseScenario
                ? { kind: 'scenario', id: Number(f.baseScenario) }
                : { kind: 'planned', year: Number(f.baseYear) },
            }
          : null,
      },
    };
  } catch {
    return { error: 'money' };
  }
}
