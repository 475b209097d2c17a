/** One indicator of an area profile: latest value beside the city, rank among peers, change and trend. */
import type { ObservationRow, PeerCounts } from '../../db/repositories/observations.ts';
import type { IndicatorRow } from '../../db/repositories/indicators.ts';
import {
  changeSinceFirst,
  compareWithCity,
  rankFromCounts,
  type Rank,
  type Tolerance,
} from '../../core/stats/compare.ts';
import type { Point, ProfileIndicator } from '../../core/contracts/areas.ts';
import { byPeriod, indicatorMeta, toPoint } from './profile-common.ts';

/** The latest value against the city's in the same period. */
function cityComparison(ind: IndicatorRow, latest: Point | null, cityPoint: Point | null, tolerance: Tolerance) {
  // A count (people, dwellings) of one area is not comparable with the city's total: no difference.
  const comparable = ind.kind !== 'count';
  return comparable
    ? compareWithCity(latest?.value, cityPoint?.value, ind.polarity, tolerance)
    : {
        difference: null,
        relativeDifference: null,
        assessment: latest?.value != null ? ('neutral' as const) : ('unknown' as const),
      };
}

/** The rank of the latest value among the area's peers, from the database's counts. */
function rankOf(ind: IndicatorRow, latest: Point | null, counts: readonly PeerCounts[]): Rank | null {
  if (!latest || latest.value === null) return null;
  const c = counts.find((x) => x.indicatorId === ind.id && x.period === latest.period);
  return c ? rankFromCounts(c, ind.polarity) : null;
}

export function profileIndicator(
  ind: IndicatorRow,
  rows: readonly ObservationRow[],
  cityRows: readonly ObservationRow[],
  counts: readonly PeerCounts[],
  tolerance: Tolerance,
): ProfileIndicator {
  const trend = rows.slice().sort(byPeriod).map(toPoint);
  const cityTrend = cityRows.slice().sort(byPeriod).map(toPoint);
  const latest = trend[trend.length - 1] ?? null;
  const cityPoint = latest ? (cityTrend.find((p) => p.period === latest.period) ?? null) : null;
  const cmp = cityComparison(ind, latest, cityPoint, tolerance);
  const rank = rankOf(ind, latest, counts);
  const change = changeSinceFirst(trend, ind.polarity, tolerance);
  const valued = trend.filter((p) => p.value !== null);
  return {
    ...indicatorMeta(ind),
    latest,
    city: cityPoint,
    difference: cmp.difference,
    relativeDifference: cmp.relativeDifference,
    assessment: cmp.assessment,
    rank: rank?.rank ?? null,
    rankedCount: rank?.of ?? null,
    tied: rank?.tied ?? false,
    firstPeriod: valued[0]?.period ?? null,
    latestPeriod: latest?.period ?? null,
    change: change?.absolute ?? null,
    relativeChange: change?.relative ?? null,
    changeAssessment: change?.assessment ?? null,
    trend,
    cityTrend,
  };
}
