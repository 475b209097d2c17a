/**
 * SCB Statistikdatabasen through PxWebApi 2.0: table metadata (a JSON-stat 2.0 dataset without values),
 * selections split to stay under the API's cell limit, and JSON-stat data turned into observations.
 * Pure: the service does the HTTP.
 */
import { z } from 'zod';
import type { Problem } from '../errors.ts';
import type { Observation, ObservationStatus } from '../types.ts';
import { breakdownKey } from '../types.ts';
import type { ParsedJsonStat } from './jsonstat.ts';

/** GET /config: the limits the client must respect. */
export const PxConfig = z
  .object({
    apiVersion: z.string(),
    maxDataCells: z.number().int().positive(),
    maxCallsPerTimeWindow: z.number().int().nonnegative(),
    timeWindow: z.number().nonnegative(),
  })
  .loose();
export type PxConfig = z.infer<typeof PxConfig>;

/** GET /tables?query=…: one page of the table list. */
export const PxTablesResponse = z
  .object({
    tables: z.array(
      z
        .object({
          id: z.string(),
          label: z.string().nullable(),
          updated: z.string().nullable().optional(),
          firstPeriod: z.string().nullable().optional(),
          lastPeriod: z.string().nullable().optional(),
          variableNames: z.array(z.string()).optional(),
        })
        .loose(),
    ),
    page: z
      .object({ pageNumber: z.number(), pageSize: z.number(), totalElements: z.number(), totalPages: z.number() })
      .loose(),
  })
  .loose();
export type PxTablesResponse = z.infer<typeof PxTablesResponse>;

const MetaDimension = z
  .object({
    label: z.string().optional(),
    category: z
      .object({
        index: z.union([z.array(z.string()), z.record(z.string(), z.number())]).optional(),
        label: z.record(z.string(), z.string()).optional(),
        unit: z
          .record(z.string(), z.object({ base: z.string().optional(), decimals: z.number().optional() }).loose())
          .optional(),
      })
      .loose(),
    extension: z.object({ elimination: z.boolean().optional() }).loose().optional(),
  })
  .loose();

/** GET /tables/{id}/metadata: JSON-stat 2.0 with the table's dimensions and no values. */
export const PxMetadata = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('dataset'),
    label: z.string(),
    source: z.string().optional(),
    updated: z.string().optional(),
    id: z.array(z.string()).min(1),
    size: z.array(z.number().int()),
    role: z
      .object({
        time: z.array(z.string()).optional(),
        geo: z.array(z.string()).optional(),
        metric: z.array(z.string()).optional(),
      })
      .loose()
      .optional(),
    dimension: z.record(z.string(), MetaDimension),
  })
  .loose();

export type VariableRole = 'time' | 'geo' | 'metric' | 'regular';

export interface TableVariable {
  code: string;
  label: string;
  role: VariableRole;
  elimination: boolean;
  values: { code: string; label: string; unit?: string }[];
}

export interface TableMetadata {
  id: string;
  label: string;
  source: string;
  updated: string | null;
  variables: TableVariable[];
}

function codesOf(cat: z.infer<typeof MetaDimension>['category']): string[] {
  if (Array.isArray(cat.index)) return cat.index;
  if (cat.index)
    return Object.entries(cat.index)
      .sort((a, b) => a[1] - b[1])
      .map(([c]) => c);
  return Object.keys(cat.label ?? {});
}

export function readTableMetadata(tableId: string, input: unknown): TableMetadata {
  const m = PxMetadata.parse(input);
  const roleOf = (id: string): VariableRole =>
    m.role?.time?.includes(id)
      ? 'time'
      : m.role?.geo?.includes(id)
        ? 'geo'
        : m.role?.metric?.includes(id)
          ? 'metric'
          : 'regular';
  return {
    id: tableId,
    label: m.label,
    source: m.source ?? 'SCB',
    updated: m.updated ?? null,
    variables: m.id.map((code) => {
      const dim = m.dimension[code]!;
      return {
        code,
        label: dim.label ?? code,
        role: roleOf(code),
        elimination: dim.extension?.elimination ?? false,
        values: codesOf(dim.category).map((c) => ({
          code: c,
          label: dim.category.label?.[c] ?? c,
          unit: dim.category.unit?.[c]?.base,
        })),
      };
    }),
  };
}

export interface Selection {
  variableCode: string;
  valueCodes: string[];
}

export const cellCount = (sel: readonly Selection[]): number => sel.reduce((n, s) => n * s.valueCodes.length, 1);

/**
 * Splits a selection into selections of at most `maxCells` cells each, halving the variable with the most
 * values until every part fits. Throws when one cell is over the limit (cannot happen with maxCells ≥ 1).
 */
export function splitSelection(sel: readonly Selection[], maxCells: number): Selection[][] {
  if (cellCount(sel) <= maxCells) return [sel.map((s) => ({ ...s, valueCodes: [...s.valueCodes] }))];
  let widest = 0;
  sel.forEach((s, i) => {
    if (s.valueCodes.length > sel[widest]!.valueCodes.length) widest = i;
  });
  const codes = sel[widest]!.valueCodes;
  if (codes.length <= 1) throw new Error('a single cell exceeds the cell limit');
  const half = Math.ceil(codes.length / 2);
  const part = (vc: string[]): Selection[] => sel.map((s, i) => (i === widest ? { ...s, valueCodes: vc } : s));
  return [
    ...splitSelection(part(codes.slice(0, half)), maxCells),
    ...splitSelection(part(codes.slice(half)), maxCells),
  ];
}

/** SCB period codes as Färdplan writes periods: `2022` → `2022`, `2023K2` → `2023-Q2`, `2024M05` → `2024-05`. */
export function scbPeriod(code: string): string {
  const k = /^(\d{4})K([1-4])$/.exec(code);
  if (k) return `${k[1]}-Q${k[2]}`;
  const m = /^(\d{4})M(\d{2})$/.exec(code);
  if (m) return `${m[1]}-${m[2]}`;
  return code;
}

export interface RegionRef {
  divisionId: string;
  areaCode: string;
  kommunCode: string;
  name: string;
}

/** The name in an SCB region label: `Stockholm (Rinkeby)` → `Rinkeby`; `0180 Stockholm` → `Stockholm`. */
export function regionLabelName(label: string): string {
  const paren = /\(([^)]+)\)\s*$/.exec(label);
  if (paren) return paren[1]!.trim();
  return label.replace(/^\d{4}\s+/, '').trim();
}

/**
 * Where an SCB region code belongs: a municipality (`0180`), a DeSO 2018 area (`0180C1010`), a RegSO
 * (`0180R001`, matched by name since Färdplan derives RegSO codes from names), or nothing Färdplan keeps.
 */
export function classifyRegion(
  code: string,
  label: string,
  regsoCodeOf: (kommun: string, name: string) => string,
): RegionRef | null {
  const name = regionLabelName(label);
  if (/^\d{4}$/.test(code)) return { divisionId: 'kommun', areaCode: code, kommunCode: code, name };
  const deso = /^(\d{4})[ABC]\d{4}(_DeSO2018)?$/.exec(code);
  if (deso) return { divisionId: 'deso', areaCode: code.replace(/_DeSO2018$/, ''), kommunCode: deso[1]!, name };
  const regso = /^(\d{4})R\d{3}(_RegSO2018)?$/.exec(code);
  if (regso) return { divisionId: 'regso', areaCode: regsoCodeOf(regso[1]!, name), kommunCode: regso[1]!, name };
  return null;
}

/** SCB's sex codes (`Kon`): 1 men, 2 women, 1+2 both. Färdplan's breakdown key is `sex`. */
export const SCB_SEX: Readonly<Record<string, string | null>> = { '1': 'män', '2': 'kvinnor', '1+2': null, T: null };

/** SCB's markers in JSON-stat status: `..` not available, `.` cannot occur, `-` nothing to report. */
export function statusOf(value: number | null, marker: string | null): ObservationStatus {
  if (value === null) return marker === '..' || marker === '.' || marker === null ? 'missing' : 'suppressed';
  return marker === 'p' || marker === 'P' ? 'provisional' : 'final';
}

export interface CellMapping {
  tableId: string;
  title: string;
  /** Contents code → indicator id. */
  indicators: ReadonlyMap<string, string>;
  regsoCodeOf: (kommun: string, name: string) => string;
}

export interface MappedData {
  observations: Observation[];
  regions: RegionRef[];
  problems: Problem[];
}

/** Turns JSON-stat data from SCB into observations with source `SCB, <table title>, <table id>`. */
export function scbObservations(ds: ParsedJsonStat, map: CellMapping, request: string): MappedData {
  const time = ds.roles.time[0] ?? ds.ids.find((i) => /^tid$/i.test(i));
  const geo = ds.roles.geo[0] ?? ds.ids.find((i) => /^region$/i.test(i));
  const metric = ds.roles.metric[0] ?? ds.ids.find((i) => /^contentscode$/i.test(i));
  const problems: Problem[] = [];
  if (!time || !geo || !metric) {
    problems.push({ file: request, field: 'role', message: 'the data has no time, region or contents dimension' });
    return { observations: [], regions: [], problems };
  }
  const labelOf = new Map(ds.categories[geo]!.map((c) => [c.code, c.label]));
  const regions = new Map<string, RegionRef | null>();
  const source = `SCB, ${map.title}, ${map.tableId}`;
  const observations: Observation[] = [];
  for (const cell of ds.cells) {
    const indicatorId = map.indicators.get(cell.codes[metric]!);
    if (!indicatorId) continue;
    const rc = cell.codes[geo]!;
    if (!regions.has(rc)) regions.set(rc, classifyRegion(rc, labelOf.get(rc) ?? rc, map.regsoCodeOf));
    const region = regions.get(rc);
    if (!region) {
      problems.push({ file: request, field: geo, message: `region ${rc} is not a municipality, RegSO or DeSO` });
      continue;
    }
    const breakdown: Record<string, string> = {};
    for (const id of ds.ids) {
      if (id === time || id === geo || id === metric) continue;
      const code = cell.codes[id]!;
      if (/^kon$/i.test(id)) {
        const sex = SCB_SEX[code];
        if (sex) breakdown.sex = sex;
      } else breakdown[id.toLowerCase()] = code;
    }
    const status = statusOf(cell.value, cell.status);
    observations.push({
      indicatorId,
      divisionId: region.divisionId,
      areaCode: region.areaCode,
      period: scbPeriod(cell.codes[time]!),
      breakdown: breakdownKey(breakdown),
      value: cell.value === null ? null : String(cell.value),
      numerator: null,
      denominator: null,
      status,
      derived: false,
      source,
    });
  }
  return { observations, regions: [...regions.values()].filter((r): r is RegionRef => r !== null), problems };
}
