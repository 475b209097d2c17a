/**
 * Reading the indicator catalogue (data/indicators, see contracts/indicators.ts) against SCB table
 * records: how each count is read, and how rates are built from counts. Pure functions.
 *
 * Kinds: `count` indicators hold counts that can be summed over areas; `share` / `mean` indicators
 * are numerator ÷ denominator (two count indicators) × multiplier and are always recomputed from
 * summed counts, never averaged; `median` indicators (and means without a count behind them) are
 * read from the source at its own level only and are not available above it.
 */
import {
  PUBLISHER_SOURCE_ID,
  type CountSource,
  type DirectSource,
  type IndicatorMetadata,
} from '../contracts/indicators.ts';
import type { Indicator } from '../types.ts';
import type { ScbRecord } from './scb.ts';

export type { CountSource, CountTerm, DirectSource } from '../contracts/indicators.ts';

/** An indicator of the catalogue as the reference build reads it (the core record plus its recipe). */
export interface ReferenceIndicator extends Indicator {
  /** For counts: the tables it is read from, in order of preference per region and period. */
  counts?: CountSource[];
  /** For medians and source-level means: the cell read as is. */
  direct?: DirectSource[];
  /** False for medians and means without counts: not aggregated, marked not available above the source level. */
  aggregable: boolean;
  /** Count indicators used only as numerator/denominator are `helper`: underlying figures, not headline indicators. */
  helper?: boolean;
}

/** Table ids of the RegSO series (CSV files carry none; these are ours). */
export const REGSO_TABLES = {
  bornRegion: 'regso-born-region',
  housingTenure: 'regso-housing-tenure',
  income: 'regso-income',
} as const;

/** The core record of a catalogue entry (what the indicator table holds). */
export function indicatorRecord(m: IndicatorMetadata): ReferenceIndicator {
  return {
    id: m.id,
    nameSv: m.name.sv,
    nameEn: m.name.en,
    definitionSv: m.definition.sv,
    definitionEn: m.definition.en,
    unit: m.unit.sv,
    kind: m.kind,
    polarity: m.polarity,
    sourceId: PUBLISHER_SOURCE_ID[m.source.publisher],
    numeratorId: m.numerator,
    denominatorId: m.denominator,
    multiplier: m.multiplier,
    decimals: m.decimals,
    goalAreaId: m.goalArea ?? null,
    sort: m.sort ?? 0,
    ...(m.counts ? { counts: m.counts } : {}),
    ...(m.direct ? { direct: m.direct } : {}),
    aggregable: m.aggregable,
    helper: m.helper,
  };
}

/**
 * The catalogue entries the reference build computes: those read from its tables (counts, direct
 * cells) and the ratios of two of them. Others (Kolada, committees, the Police count) load elsewhere.
 */
export function referenceIndicators(catalogue: readonly IndicatorMetadata[]): ReferenceIndicator[] {
  const read = new Set(catalogue.filter((m) => m.counts || m.direct).map((m) => m.id));
  return catalogue
    .filter(
      (m) =>
        read.has(m.id) ||
        (m.numerator !== null && m.denominator !== null && read.has(m.numerator) && read.has(m.denominator)),
    )
    .map(indicatorRecord);
}

function matches(r: ScbRecord, content: string | undefined, match: Record<string, string> | undefined): boolean {
  if (content !== undefined && r.content !== content) return false;
  if (match) for (const [k, v] of Object.entries(match)) if (r.breakdown[k] !== v) return false;
  return true;
}

/** A value read for one area and period, before aggregation. */
export interface BaseValue {
  indicatorId: string;
  period: string;
  areaCode: string;
  value: number | null;
  /** ok, or missing when a term was missing / not applicable in the source. */
  status: 'ok' | 'missing';
  source: string;
}

/**
 * Reads counts and direct values from the records of one division (all records at one level).
 * A count source applies where the table has records for that region and period; the first source
 * in the indicator's list wins. Missing terms make the value missing (never silently zero).
 */
export function extractBaseValues(
  records: readonly ScbRecord[],
  indicators: readonly ReferenceIndicator[],
): BaseValue[] {
  // Index records by table → period → region.
  const byTable = new Map<string, Map<string, ScbRecord[]>>();
  for (const r of records) {
    let t = byTable.get(r.tableId);
    if (!t) byTable.set(r.tableId, (t = new Map()));
    const key = `${r.period}\u0000${r.regionCode}`;
    const list = t.get(key);
    if (list) list.push(r);
    else t.set(key, [r]);
  }
  const out: BaseValue[] = [];
  for (const ind of indicators) {
    const taken = new Set<string>();
    const sources: { tableId: string; read: (cells: ScbRecord[]) => { value: number | null; ok: boolean } }[] = [];
    for (const c of ind.counts ?? [])
      sources.push({
        tableId: c.tableId,
        read: (cells) => {
          let sum = 0;
          let ok = true;
          for (const term of c.terms) {
            const hits = cells.filter((r) => matches(r, term.content, term.match));
            if (hits.length !== 1) return { value: null, ok: false };
            const h = hits[0]!;
            if (h.value === null) ok = false;
            let v = (h.value ?? 0) * (term.coef ?? 1);
            if (term.times) {
              const other = cells.filter((r) => matches(r, term.times!.content, term.times!.match));
              if (other.length !== 1) return { value: null, ok: false };
              if (other[0]!.value === null) ok = false;
              v *= other[0]!.value ?? 0;
            }
            sum += v;
          }
          return { value: ok ? sum : null, ok };
        },
      });
    for (const d of ind.direct ?? [])
      sources.push({
        tableId: d.tableId,
        read: (cells) => {
          const hits = cells.filter((r) => matches(r, d.content, d.match));
          if (hits.length !== 1) return { value: null, ok: false };
          return { value: hits[0]!.value, ok: hits[0]!.value !== null };
        },
      });
    for (const s of sources) {
      const t = byTable.get(s.tableId);
      if (!t) continue;
      for (const [key, cells] of t) {
        if (taken.has(key)) continue;
        const [period, areaCode] = key.split('\u0000') as [string, string];
        const { value, ok } = s.read(cells);
        // A table that has this region and period but none of the cells is not a source for it.
        if (!ok && value === null && !cells.some((r) => r.value === null)) {
          const anyHit = (ind.counts ?? []).some(
            (c) =>
              c.tableId === s.tableId &&
              c.terms.some((term) => cells.some((r) => matches(r, term.content, term.match))),
          );
          const anyDirect = (ind.direct ?? []).some(
            (d) => d.tableId === s.tableId && cells.some((r) => matches(r, d.content, d.match)),
          );
          if (!anyHit && !anyDirect) continue;
        }
        taken.add(key);
        out.push({
          indicatorId: ind.id,
          period,
          areaCode,
          value: ok ? value : null,
          status: ok ? 'ok' : 'missing',
          source: cells[0]!.source,
        });
      }
    }
  }
  return out;
}
