/**
 * An accessible data table (caption, row headers, sortable columns with aria-sort) and the
 * TableTwin wrapper that puts a visible chart ↔ table toggle, a text summary and a CSV download
 * of the table's columns and rows in their current order (every row, also of a folded long table) around
 * any chart or map.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { CsvCell } from '../../core/csv.ts';
import { CsvDownload } from './CsvDownload.tsx';
import { formatNumber, type Lang } from './format.ts';
import { strings } from './strings.ts';

export interface Column<T> {
  key: string;
  header: string;
  /** The raw value: used for sorting and in the CSV. */
  value: (row: T) => CsvCell;
  /** What the cell shows (defaults to the raw value). */
  render?: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** The cell names the row (a <th scope="row">). */
  rowHeader?: boolean;
  sortable?: boolean;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

function compareCells(a: CsvCell, b: CsvCell): number {
  const na = a === null || a === undefined || a === '';
  const nb = b === null || b === undefined || b === '';
  if (na || nb) return na && nb ? 0 : na ? 1 : -1; // empty cells last in either direction
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return String(a).localeCompare(String(b), 'sv');
}

/** Rows in display order for a sort state (stable; empty values last). */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
  if (!sort) return [...rows];
  const col = columns.find((c) => c.key === sort.key);
  if (!col) return [...rows];
  const indexed = rows.map((r, i) => ({ r, i }));
  indexed.sort((x, y) => {
    const a = col.value(x.r);
    const b = col.value(y.r);
    const emptyA = a === null || a === undefined || a === '';
    const emptyB = b === null || b === undefined || b === '';
    if (emptyA || emptyB) return emptyA && emptyB ? x.i - y.i : emptyA ? 1 : -1;
    const c = compareCells(a, b);
    return (sort.dir === 'asc' ? c : -c) || x.i - y.i;
  });
  return indexed.map((x) => x.r);
}

/** The CSV rows (header first) of a table as displayed. */
export function tableCsvRows<T>(columns: readonly Column<T>[], rows: readonly T[]): CsvCell[][] {
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
}

export interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  lang: Lang;
  /** Controlled sort (rows are expected already sorted when given). */
  sort?: SortState | null;
  onSortChange?: (s: SortState) => void;
  /** Key of a row to highlight (e.g. the selected area). */
  highlight?: string | null;
  id?: string;
  captionHidden?: boolean;
  /** Fold a long table (default DEFAULT_FOLD); false shows every row (the page folds it itself). */
  fold?: Fold | false;
  /** A CSV download of every row stands beside the table (TableTwin): a folded table says so. */
  csv?: boolean;
}

/**
 * A table of more than `above` rows shows its first `show` rows (in the current order) and a button for
 * the rest: 544 DeSO would otherwise make a page of 30,000 pixels (110,000 on a phone). The highlighted row
 * is always shown; the CSV download always has every row.
 */
export interface Fold {
  above: number;
  show: number;
}
export const DEFAULT_FOLD: Fold = { above: 150, show: 50 };

export function DataTable<T>(props: DataTableProps<T>): ReactNode {
  const { caption, columns, rowKey, lang, highlight } = props;
  const ownId = useId();
  const id = props.id ?? ownId;
  const [ownSort, setOwnSort] = useState<SortState | null>(null);
  const [unfolded, setUnfolded] = useState(false);
  const controlled = props.sort !== undefined;
  const sort = controlled ? props.sort! : ownSort;
  const rows = useMemo(
    () => (controlled ? [...props.rows] : sortRows(props.rows, columns, ownSort)),
    [controlled, props.rows, columns, ownSort],
  );
  const fold = props.fold === false ? null : (props.fold ?? DEFAULT_FOLD);
  const folds = fold !== null && rows.length > fold.above;
  const shown = useMemo(() => {
    if (!folds || unfolded) return rows;
    const first = rows.slice(0, fold.show);
    const extra = highlight ? rows.find((r, i) => i >= fold.show && rowKey(r) === highlight) : undefined;
    return extra ? [...first, extra] : first;
  }, [rows, folds, unfolded, fold?.show, highlight, rowKey]);
  const t = strings(lang);
  const toggle = (key: string) => {
    const next: SortState =
      sort && sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
    if (props.onSortChange) props.onSortChange(next);
    if (!controlled) setOwnSort(next);
  };
  const table = (
    // A wide table scrolls inside its box (a phone); the box is a named region in the tab order so that a
    // keyboard can scroll it too (WCAG 2.1.1), and the row headers stay in view while it scrolls (CSS).
    <div className="fp-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="fp-table" id={id}>
        <caption className={props.captionHidden ? 'fp-visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const ariaSort = sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={c.key} scope="col" aria-sort={ariaSort} className={c.align === 'right' ? 'fp-num' : undefined}>
                  {c.sortable === false ? (
                    c.header
                  ) : (
                    <button
                      type="button"
                      className="fp-sort"
                      onClick={() => toggle(c.key)}
                      title={`${t.sortBy} ${c.header}`}
                    >
                      {c.header}
                      <span aria-hidden="true">
                        {ariaSort === 'ascending' ? ' ▲' : ariaSort === 'descending' ? ' ▼' : ' ↕'}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const key = rowKey(r);
            return (
              <tr
                key={key}
                data-key={key}
                className={highlight === key ? 'fp-highlight' : undefined}
                aria-current={highlight === key ? 'true' : undefined}
              >
                {columns.map((c) => {
                  const content = c.render ? c.render(r) : String(c.value(r) ?? '–');
                  const cls = c.align === 'right' ? 'fp-num' : undefined;
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" className={cls} data-col={c.key}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className={cls} data-col={c.key}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  if (!folds) return table;
  return (
    <div className="fp-table-fold" data-rows-shown={shown.length} data-rows={rows.length}>
      {table}
      <p className="fp-muted" role="status">
        {t.rowsShown(formatNumber(shown.length, lang), formatNumber(rows.length, lang), props.csv === true)}
      </p>
      <button type="button" aria-expanded={unfolded} aria-controls={id} onClick={() => setUnfolded(!unfolded)}>
        {unfolded ? t.showFewerRows(formatNumber(fold.show, lang)) : t.showAllRows(formatNumber(rows.length, lang))}
      </button>
    </div>
  );
}

export interface TableTwinProps<T> {
  lang: Lang;
  /** Heading-level title of the figure (also the table caption). */
  title: string;
  /** A text summary, always visible (what the chart shows in words). */
  summary?: ReactNode;
  /** The chart or map. */
  chart: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** File name for the CSV download (without extension). */
  filename: string;
  /** 'map' changes the toggle's wording. */
  kind?: 'chart' | 'map';
  initial?: 'chart' | 'table';
  highlight?: string | null;
  /** Source notes etc., shown under both views. */
  footer?: ReactNode;
  id?: string;
}

export function TableTwin<T>(props: TableTwinProps<T>): ReactNode {
  const { lang, title, columns, rowKey } = props;
  const t = strings(lang);
  const [view, setView] = useState<'chart' | 'table'>(props.initial ?? 'chart');
  const [sort, setSort] = useState<SortState | null>(null);
  const rows = useMemo(() => sortRows(props.rows, columns, sort), [props.rows, columns, sort]);
  const chartLabel = props.kind === 'map' ? t.showMap : t.showChart;
  return (
    <figure className="fp-twin" id={props.id} data-view={view}>
      <figcaption className="fp-twin-head">
        <span className="fp-twin-title">{title}</span>
        <span className="fp-toggle" role="group" aria-label={title}>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            {chartLabel}
          </button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            {t.showTable}
          </button>
        </span>
      </figcaption>
      {props.summary ? <p className="fp-summary">{props.summary}</p> : null}
      {view === 'chart' ? (
        <div className="fp-twin-chart">{props.chart}</div>
      ) : (
        <DataTable
          caption={title}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={rowKey}
          lang={lang}
          sort={sort}
          onSortChange={setSort}
          highlight={props.highlight}
          csv
        />
      )}
      <div className="fp-twin-foot">
        {props.footer}
        <CsvDownload lang={lang} filename={props.filename} rows={tableCsvRows(columns, rows)} />
      </div>
    </figure>
  );
}
