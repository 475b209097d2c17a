/**
 * Records read from SCB Statistikdatabasen table exports (xlsx, CSV). Types only plus small pure
 * helpers; the importers in src/importers produce them.
 */

/**
 * SCB's markers for cells without a number (Statistikdatabasen, "Teckenförklaring"):
 * - `..` the figure is not available or too uncertain to be given → `missing`
 * - `.`  the figure cannot occur (logically impossible) → `not_applicable`
 * - `-`  nothing to report (magnitude zero) → `nil`, value 0
 */
export type ScbCellStatus = 'ok' | 'missing' | 'not_applicable' | 'nil';

export interface ScbRecord {
  /** SCB's table id, e.g. `000005FE`. */
  tableId: string;
  /** The table title as SCB writes it. */
  title: string;
  /** The table content (tabellinnehåll), e.g. `Medianvärde, tkr`; the title's subject when the table has one content. */
  content: string;
  /** The other dimensions, e.g. `{ 'utländsk/svensk bakgrund': 'utländsk bakgrund', kön: 'totalt' }`. */
  breakdown: Record<string, string>;
  /** The reference period as SCB writes it (`2022`). */
  period: string;
  regionCode: string;
  regionName: string | null;
  value: number | null;
  status: ScbCellStatus;
  /** `SCB, <table title>, <period>`. */
  source: string;
}

/** Parses a cell's text into a value and status; returns null when the text is not a number or marker. */
export function parseScbCell(
  raw: string | number | null | undefined,
): { value: number | null; status: ScbCellStatus } | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw, status: 'ok' } : null;
  if (raw === null || raw === undefined) return { value: null, status: 'missing' };
  const s = raw.trim();
  if (s === '' || s === '..' || s === '…') return { value: null, status: 'missing' };
  if (s === '.') return { value: null, status: 'not_applicable' };
  if (s === '-' || s === '–') return { value: 0, status: 'nil' };
  const normalised = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return { value: Number(normalised), status: 'ok' };
}

export function scbSource(title: string, period: string): string {
  return `SCB, ${title}, ${period}`;
}

/** Splits the dimension list of an SCB title: `… efter region, år och kön` → [region, år, kön]. */
export function titleDimensions(title: string): { subject: string; dimensions: string[] } {
  const i = title.lastIndexOf(' efter ');
  if (i < 0) return { subject: title.trim(), dimensions: [] };
  const subject = title.slice(0, i).trim();
  const rest = title
    .slice(i + ' efter '.length)
    .trim()
    .replace(/\.$/, '');
  const parts = rest
    .split(/,\s*|\s+och\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return { subject, dimensions: parts };
}
