/**
 * A division's polygons for the maps (GET /analysis/areas/{division}): fetched once per division and shared by
 * every map that draws it (the indicator map, the locator of an area's profile, the analysis maps), instead of
 * coming again with every indicator or profile.
 */
import { useMemo } from 'react';
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { useApi, type ApiState } from './api.ts';
import type { areasResponse } from '../core/contracts/analysis.ts';

/** An area's polygon; the contract's geometry read as GeoJSON. */
export type AreaShape = Omit<z.infer<typeof areasResponse>['areas'][number], 'geometry'> & {
  geometry: Geometry | null;
};

/** The polygons of `division` (null: none wanted), and the same by area code. */
export function useShapes(division: string | null): ApiState<{ areas: AreaShape[] }> & {
  byCode: ReadonlyMap<string, Geometry | null>;
} {
  const state = useApi<{ areas: AreaShape[] }>(
    division === null ? null : `/analysis/areas/${encodeURIComponent(division)}`,
  );
  const byCode = useMemo(() => new Map((state.data?.areas ?? []).map((a) => [a.code, a.geometry])), [state.data]);
  return { ...state, byCode };
}
