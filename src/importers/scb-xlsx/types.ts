/** The shape of a parsed SCB Statistikdatabasen xlsx export and the options of reading one. */
import type { ScbRecord } from '../../core/stats/scb.ts';

export type DimensionRole = 'region' | 'content' | 'period' | 'breakdown';

export interface ScbDimension {
  name: string;
  role: DimensionRole;
  placement: 'stub' | 'heading';
  /** Stub: the column (1-based). Heading: the sheet row holding its labels. */
  position: number;
  /** Distinct labels in order of appearance (for the region stub: the number of regions only). */
  values: string[];
}

export interface ScbColumn {
  column: number;
  letter: string;
  labels: Record<string, string>;
  /** A cell comment on the header, e.g. a definition. */
  note: string | null;
}

export interface ScbTable {
  file: string;
  tableId: string;
  title: string;
  subject: string;
  dimensions: ScbDimension[];
  columns: ScbColumn[];
  firstDataRow: number;
  lastDataRow: number;
  regionCount: number;
  footnotes: string[];
  meta: Record<string, string>;
  records: ScbRecord[];
}

export interface ScbXlsxOptions {
  /**
   * Keep only rows whose region code passes (e.g. Stockholm's `0180…`). Rows outside the filter still
   * count as regions (their codes are checked) but their value cells are neither read nor validated.
   */
  regionFilter?: (regionCode: string) => boolean;
  /** Shown in errors instead of the path. */
  fileLabel?: string;
}
