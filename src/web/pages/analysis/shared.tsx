/** Shared pieces of the Analys pages: API shapes, the method note, the area-type map and money formatting. */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { fitPath } from '../../components/geo.ts';
import { TableTwin, type Column } from '../../components/DataTable.tsx';
import { formatNumber, type Lang } from '../../components/format.ts';
import { formatKronor, formatMnkr } from '../../../core/money.ts';
import type { z } from 'zod';
import type { allocationResponse, optionsResponse } from '../../../core/contracts/analysis.ts';
import type { AreaShape } from '../../shapes.ts';
import { AREA_TYPES, type AreaType } from '../../../core/analysis/need-index.ts';

export { AREA_TYPES, type AreaType };

/** Colours of the five types (ColorBrewer RdYlBu, from red to blue), all with a legible text colour. */
export const TYPE_COLORS: Record<AreaType, string> = {
  largeChallenges: '#d73027',
  challenges: '#fc8d59',
  mixed: '#fee090',
  good: '#91bfdb',
  veryGood: '#4575b4',
};

/** The choices of the analysis pages: the API's contract. */
export type Options = z.infer<typeof optionsResponse>;
export type DivisionOption = Options['divisions'][number];

export type { AreaShape } from '../../shapes.ts';

export const divisionName = (d: { nameSv: string; nameEn: string } | undefined, lang: Lang, fallback = ''): string =>
  d ? (lang === 'sv' ? d.nameSv : d.nameEn) : fallback;

/** Anchors of docs/methods.md headings (see MethodsPage). */
export type MethodAnchor =
  | 'two-group-segregation-measures'
  | 'multigroup-segregation-measures'
  | 'moran-s-i'
  | 'divides-over-time'
  | 'need-index-and-area-types'
  | 'allocation-scenarios'
  | 'conventions';

/** One sentence on the method, with a link to the section of the methods document. */
export function MethodNote({ text, anchor }: { text: string; anchor: MethodAnchor }): ReactNode {
  const { t } = useI18n(analysisStrings);
  return (
    <p className="an-method">
      {text} <Link href={`/analys/metoder?avsnitt=${anchor}`}>{t('howComputed')}</Link>
    </p>
  );
}

export function mnkr(sek: string | bigint, lang: Lang, decimals?: number): string {
  return formatMnkr(BigInt(sek), lang, decimals === undefined ? {} : { decimals });
}

export function kronor(sek: string | bigint, lang: Lang): string {
  return formatKronor(BigInt(sek), lang);
}

export function pct(x: number | null | undefined, lang: Lang, decimals = 1): string {
  return typeof x === 'number' ? formatNumber(100 * x, lang, decimals) : '–';
}

/** An area with its need type, as an allocation line has it (the need page maps its areas to this). */
export type TypedArea = Pick<
  z.infer<typeof allocationResponse>['lines'][number],
  'code' | 'name' | 'type' | 'score' | 'population'
>;

/** A map of area types in five categorical colours, with a legend, keyboard focus and a table twin. */
export function TypeMap({
  areas,
  shapes,
  title,
  summary,
  footer,
  filename,
}: {
  areas: readonly TypedArea[];
  shapes: readonly AreaShape[];
  title: string;
  summary?: ReactNode;
  footer?: ReactNode;
  filename: string;
}): ReactNode {
  const { t, lang } = useI18n(analysisStrings);
  const uid = useId().replace(/:/g, '');
  const [focus, setFocus] = useState<string | null>(null);
  const width = 640;
  const height = 560;
  const byCode = useMemo(() => new Map(areas.map((a) => [a.code, a])), [areas]);
  const fitted = useMemo(
    () =>
      fitPath(
        shapes.map((s) => s.geometry),
        width,
        height,
      ),
    [shapes],
  );
  const typeLabel = (ty: AreaType | null) => (ty ? t(`type_${ty}` as 'type_mixed') : '–');
  const focused = focus ? byCode.get(focus) : null;
  const columns: Column<TypedArea>[] = [
    { key: 'name', header: t('area'), value: (r) => r.name, rowHeader: true },
    {
      key: 'type',
      header: t('type'),
      value: (r) => (r.type ? AREA_TYPES.indexOf(r.type) + 1 : null),
      render: (r) => typeLabel(r.type),
    },
    {
      key: 'score',
      header: t('score'),
      value: (r) => r.score,
      render: (r) => formatNumber(r.score, lang, 2),
      align: 'right',
    },
    {
      key: 'pop',
      header: t('population'),
      value: (r) => r.population,
      render: (r) => formatNumber(r.population, lang),
      align: 'right',
    },
  ];
  const chart = (
    <div className="fp-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label={title}
        className="fp-map-svg"
      >
        <defs>
          <pattern id={`${uid}-miss`} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
            <rect width={6} height={6} fill="#ffffff" />
            <line x1={0} y1={0} x2={0} y2={6} stroke="#767676" strokeWidth={2} />
          </pattern>
        </defs>
        {shapes.map((s) => {
          const a = byCode.get(s.code);
          const label = `${s.name}: ${typeLabel(a?.type ?? null)}`;
          return (
            <path
              key={s.code}
              d={fitted.path(s.geometry)}
              fill={a?.type ? TYPE_COLORS[a.type] : `url(#${uid}-miss)`}
              stroke="#ffffff"
              strokeWidth={0.8}
              className="fp-area"
              tabIndex={0}
              role="img"
              aria-label={label}
              onFocus={() => setFocus(s.code)}
              onMouseEnter={() => setFocus(s.code)}
            >
              <title>{label}</title>
            </path>
          );
        })}
      </svg>
      <div className="fp-legend">
        <p className="fp-legend-title">{t('typesTitle')}</p>
        <ul>
          {AREA_TYPES.map((ty) => (
            <li key={ty}>
              <svg width={18} height={14} aria-hidden="true">
                <rect width={18} height={14} fill={TYPE_COLORS[ty]} stroke="#1a1a1a" strokeWidth={0.5} />
              </svg>
              {typeLabel(ty)} ({areas.filter((a) => a.type === ty).length})
            </li>
          ))}
        </ul>
      </div>
      <p className="fp-map-focus" aria-live="polite">
        {focused
          ? `${focused.name}: ${typeLabel(focused.type)}, ${t('score').toLowerCase()} ${formatNumber(focused.score, lang, 2)}`
          : '\u00a0'}
      </p>
    </div>
  );
  return (
    <TableTwin
      lang={lang}
      title={title}
      summary={summary}
      chart={chart}
      columns={columns}
      rows={areas}
      rowKey={(r) => r.code}
      filename={filename}
      kind="map"
      footer={footer}
    />
  );
}
