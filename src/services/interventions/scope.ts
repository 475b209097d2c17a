/** What access control checks an intervention against: its committee, its areas, city-wide or not. */
import type { ScopedResource } from '../../core/access.ts';
import { CITY_WIDE, type Intervention } from '../../core/interventions/types.ts';

export function scopeOf(i: Pick<Intervention, 'areas'> & { committeeId?: string | null | undefined }): ScopedResource {
  return {
    committeeId: i.committeeId ?? null,
    cityWide: i.areas.includes(CITY_WIDE),
    areaIds: i.areas.filter((a) => a !== CITY_WIDE),
  };
}
