/**
 * Choropleth map (SVG, d3-geo) with a class-break legend, distinct patterns for missing and
 * suppressed values, keyboard-focusable areas that announce name and value, and a table twin.
 * Class breaks come from src/core/stats/classify.ts (default method: see docs/maps.md).
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import { classify, classCounts, classIndex, type ClassMethod } from '../../core/stats/classify.ts';
import { TableTwin, type Column } from './DataTable.tsx';
import { formatNumber, formatValue, decimalsForUnit, type Lang } from './format.ts';
import { fitPath } from './geo.ts';
import { sequential } from './palette.ts';
import { strings } from './strings.ts';

/** Status of a value as the API reports it ('final', 'provisional', 'suppressed', 'missing', …). */
export type ValueStatus = 'final' | 'provisional' | 'missing' | 'suppressed' | 'not_available' | (string & {});

export interface MapDatum {
  code: string;
  name: string;
  value: number | null;
  status?: ValueStatus;
  geometry: Geometry | null;
}

export type MapState = 'value' | 'missing' | 'suppressed';

export function mapState(d: Pick<MapDatum, 'value' | 'status'>): MapState {
  if (d.status === 'suppressed') return 'suppressed';
  if (
    typeof d.value !== 'number' ||
    !Number.isFinite(d.value) ||
    d.status === 'missing' ||
    d.status === 'not_available'
  )
    return 'missing';
  return 'value';
}

export interface LegendEntry {
  kind: MapState;
  color: string | null;
  from?: number;
  to?: number;
  count: number;
  label: string;
}

/** Legend entries for classes (with counts) plus missing/suppressed when present. */
export function legendEntries(
  data: readonly MapDatum[],
  breaks: readonly number[],
  lang: Lang,
  decimals: number,
): LegendEntry[] {
  const t = strings(lang);
  const values = data.filter((d) => mapState(d) === 'value').map((d) => d.value as number);
  const counts = classCounts(breaks, values);
  const colors = sequential(counts.length);
  const out: LegendEntry[] = counts.map((count, i) => {
    const from = breaks[i]!;
    const to = breaks.length === 1 ? breaks[0]! : breaks[i + 1]!;
    const f = formatNumber(from, lang, decimals);
    const tt = formatNumber(to, lang, decimals);
    const label = from === to ? f : i === 0 ? `${f}–${tt}` : `> ${f}–${tt}`;
    return { kind: 'value', color: colors[i] ?? null, from, to, count, label };
  });
  const missing = data.filter((d) => mapState(d) === 'missing').length;
  const suppressed = data.filter((d) => mapState(d) === 'suppressed').length;
  if (suppressed) out.push({ kind: 'suppressed', color: null, count: suppressed, label: t.suppressed });
  if (missing) out.push({ kind: 'missing', color: null, count: missing, label: t.missing });
  return out;
}

export interface ChoroplethMapProps {
  data: readonly MapDatum[];
  title: string;
  unit?: string | null;
  lang: Lang;
  decimals?: number;
  method?: ClassMethod;
  classes?: number;
  /** Highlighted area. */
  selected?: string | null;
  onSelect?: (code: string) => void;
  width?: number;
  height?: number;
  summary?: ReactNode;
  footer?: ReactNode;
  filename?: string;
  /** Extra table columns (e.g. numerator, denominator). */
  extraColumns?: readonly Column<MapDatum>[];
}

export function ChoroplethMap(props: ChoroplethMapProps): ReactNode {
  const { data, title, unit, lang, width = 640, height = 560 } = props;
  const t = strings(lang);
  const uid = useId().replace(/:/g, '');
  const decimals = props.decimals ?? decimalsForUnit(unit, data.find((d) => d.value !== null)?.value);
  const [focus, setFocus] = useState<string | null>(null);
  const cls = useMemo(
    () =>
      classify(
        data.filter((d) => mapState(d) === 'value').map((d) => d.value),
        { method: props.method, classes: props.classes },
      ),
    [data, props.method, props.classes],
  );
  const fitted = useMemo(
    () =>
      fitPath(
        data.map((d) => d.geometry),
        width,
        height,
      ),
    [data, width, height],
  );
  const colors = sequential(cls.classes);
  const legend = legendEntries(data, cls.breaks, lang, decimals);
  const describe = (d: MapDatum) => {
    const st = mapState(d);
    const v =
      st === 'value'
        ? formatValue(d.value, unit, lang, decimals)
        : st === 'suppressed'
          ? t.suppressed
          : d.status === 'not_available'
            ? t.notAvailable
            : t.missing;
    return `${d.name}: ${v}`;
  };
  const fillOf = (d: MapDatum) => {
    const st = mapState(d);
    if (st === 'suppressed') return `url(#${uid}-supp)`;
    if (st === 'missing') return `url(#${uid}-miss)`;
    const c = classIndex(cls.breaks, d.value);
    return c === null ? `url(#${uid}-miss)` : (colors[c] ?? '#999');
  };
  const focused = data.find((d) => d.code === focus) ?? data.find((d) => d.code === props.selected) ?? null;
  const svg = (
    <div className="fp-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label={`${t.mapOf} ${title}`}
        className="fp-map-svg"
      >
        <defs>
          <pattern id={`${uid}-miss`} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
            <rect width={6} height={6} fill="#ffffff" />
            <line x1={0} y1={0} x2={0} y2={6} stroke="#767676" strokeWidth={2} />
          </pattern>
          <pattern id={`${uid}-supp`} patternUnits="userSpaceOnUse" width={6} height={6}>
            <rect width={6} height={6} fill="#ffffff" />
            <circle cx={3} cy={3} r={1.4} fill="#595959" />
          </pattern>
        </defs>
        {data.map((d) => {
          const label = describe(d);
          const isSel = props.selected === d.code;
          return (
            <path
              key={d.code}
              d={fitted.path(d.geometry)}
              fill={fillOf(d)}
              stroke={isSel ? '#000000' : '#ffffff'}
              strokeWidth={isSel ? 2.5 : 0.6}
              className={`fp-area${isSel ? ' fp-area-selected' : ''}`}
              data-code={d.code}
              data-state={mapState(d)}
              tabIndex={0}
              role={props.onSelect ? 'button' : 'img'}
              aria-label={label}
              aria-pressed={props.onSelect ? isSel : undefined}
              onFocus={() => setFocus(d.code)}
              onBlur={() => setFocus((f) => (f === d.code ? null : f))}
              onMouseEnter={() => setFocus(d.code)}
              onMouseLeave={() => setFocus((f) => (f === d.code ? null : f))}
              onClick={props.onSelect ? () => props.onSelect!(d.code) : undefined}
              onKeyDown={
                props.onSelect
                  ? (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        props.onSelect!(d.code);
                      }
                    }
                  : undefined
              }
            >
              <title>{label}</title>
            </path>
          );
        })}
      </svg>
      <p className="fp-map-focus" aria-live="polite">
        {focused ? describe(focused) : '\u00a0'}
      </p>
      <div className="fp-legend" role="group" aria-label={t.legend}>
        <p className="fp-legend-title">
          {t.legend}
          {unit ? ` (${unit})` : ''} · {t.classMethod[cls.method]}
        </p>
        <ul>
          {legend.map((e) => (
            <li key={`${e.kind}-${e.label}`} data-kind={e.kind}>
              <svg width={18} height={14} aria-hidden="true" focusable="false">
                <rect
                  width={18}
                  height={14}
                  fill={
                    e.kind === 'value'
                      ? (e.color ?? '#999')
                      : e.kind === 'suppressed'
                        ? `url(#${uid}-supp)`
                        : `url(#${uid}-miss)`
                  }
                  stroke="#595959"
                  strokeWidth={1}
                />
              </svg>{' '}
              {e.label} <span className="fp-muted">({e.count})</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
  const columns: Column<MapDatum>[] = [
    { key: 'name', header: t.area, value: (d) => d.name, rowHeader: true },
    { key: 'code', header: lang === 'sv' ? 'Kod' : 'Code', value: (d) => d.code },
    {
      key: 'value',
      header: unit ? `${t.value} (${unit})` : t.value,
      value: (d) => (mapState(d) === 'value' ? d.value : null),
      render: (d) =>
        mapState(d) === 'value'
          ? formatNumber(d.value, lang, decimals)
          : mapState(d) === 'suppressed'
            ? t.suppressed
            : t.missing,
      align: 'right',
    },
    ...(props.extraColumns ?? []),
    {
      key: 'class',
      header: lang === 'sv' ? 'Klass' : 'Class',
      value: (d) => {
        const c = mapState(d) === 'value' ? classIndex(cls.breaks, d.value) : null;
        return c === null ? null : c + 1;
      },
      align: 'right',
    },
  ];
  return (
    <TableTwin
      lang={lang}
      kind="map"
      title={title}
      summary={props.summary}
      chart={data.length ? svg : <p>{t.noData}</p>}
      columns={columns}
      rows={data}
      rowKey={(d) => d.code}
      filename={props.filename ?? title}
      highlight={props.selected}
      footer={props.footer}
    />
  );
}
