/**
 * Segregation measures for the analyst's own files (`fardplan segregation`): the area table and the
 * neighbour file are read through the importers, the measures come from the core (docs/methods.md).
 */
import { moransI, type MoranResult } from '../core/analysis/moran.ts';
import {
  multiGroupMeasures,
  twoGroupMeasures,
  type MultiGroupResult,
  type TwoGroupResult,
  type TwoGroupUnit,
} from '../core/analysis/segregation.ts';
import {
  multiGroupUnits,
  numericColumn,
  parseAreaTable,
  parseNeighboursJson,
  twoGroupUnits,
  type AreaTable,
} from '../importers/segregation-csv.ts';

export type { AreaTable };

export interface TwoGroupTable {
  table: AreaTable;
  units: TwoGroupUnit[];
  measures: TwoGroupResult;
}

/** Parses the area table (the CSV text of file `name`) and computes the two-group measures of `group` in `total`. */
export function twoGroupTable(text: string, name: string, group: string, total: string): TwoGroupTable {
  const table = parseAreaTable(text, name);
  const units = twoGroupUnits(table, group, total);
  return { table, units, measures: twoGroupMeasures(units) };
}

/** The multigroup measures over the table's group columns. */
export function multiGroupTable(table: AreaTable, groups: readonly string[]): MultiGroupResult {
  return multiGroupMeasures(multiGroupUnits(table, groups), groups);
}

/** The neighbour file (the JSON text of file `name`), with the unit ids it names that the table lacks. */
export function tableNeighbours(
  table: AreaTable,
  text: string,
  name: string,
): { neighbours: Record<string, string[]>; unknown: string[] } {
  const neighbours = parseNeighboursJson(text, name);
  const known = new Set(table.rows.map((r) => r.id));
  return { neighbours, unknown: Object.keys(neighbours).filter((id) => !known.has(id)) };
}

/**
 * Moran's I over the table's areas: of the column `value` when given, else of the share group/total
 * in the areas whose total is above zero.
 */
export function tableMoran(t: TwoGroupTable, neighbours: Record<string, string[]>, value?: string): MoranResult {
  if (value !== undefined) {
    return moransI(
      t.table.rows.map((r) => r.id),
      numericColumn(t.table, value),
      neighbours,
    );
  }
  const used = t.units.filter((u) => u.total > 0);
  return moransI(
    used.map((u) => u.id),
    used.map((u) => u.group / u.total),
    neighbours,
  );
}
