/** Pieces shared by the Områden, Jämför and Indikatorer pages; the profile API's types live in src/core/contracts/areas.ts (re-exported here). */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { Assessment, Catalog, DivisionMeta } from '../../../core/contracts/areas.ts';
import { useApi } from '../../api.ts';
import { formatNumber, formatSigned, type Lang } from '../../components/format.ts';
import { ASSESSMENT_BG, ASSESSMENT_TEXT } from '../../components/palette.ts';

export type {
  AreaRef,
  Assessment,
  Catalog,
  Comparison,
  DivisionMeta,
  Point,
  Profile,
  ProfileIndicator,
} from '../../../core/contracts/areas.ts';
export type { IndicatorMap, IndicatorSummary as IndicatorMeta } from '../../../core/contracts/indicators.ts';

/** The current division (the stadsdelsområden from 2023-07-01): the default on Områden, Indikatorer and Jämför. */
export const DEFAULT_DIVISION = 'stadsdelsomrade-2023';

/** Every area of the catalogue for searching, the chosen division first, then the others in division order. */
export function searchPool(catalog: Catalog, divisionId: string): Catalog['areas'] {
  const order = new Map(catalog.divisions.map((d, i) => [d.id, d.id === divisionId ? -1 : i]));
  return [...catalog.areas].sort((a, b) => (order.get(a.divisionId) ?? 99) - (order.get(b.divisionId) ?? 99));
}

/** Headline indicators only: helper counts are shown as the underlying figures of an indicator. */
export const headline = <T extends { headline: boolean }>(list: readonly T[]): T[] => list.filter((i) => i.headline);

export function useCatalog() {
  return useApi<Catalog>('/profiles/catalog');
}

export const indName = (i: { nameSv: string; nameEn: string }, lang: Lang): string =>
  lang === 'en' ? i.nameEn : i.nameSv;
export const divName = (d: { nameSv: string; nameEn: string } | undefined, lang: Lang): string =>
  d ? (lang === 'en' ? d.nameEn : d.nameSv) : '';

/** Short unit label: '%' for percent; SCB's own units otherwise. */
export function unitLabel(unit: string, lang: Lang): string {
  const u = unit.toLowerCase();
  if (u === 'procent' || u === 'percent' || u === '%') return '%';
  if (lang === 'en' && u === 'personer') return 'persons';
  if (lang === 'en' && u === 'antal') return 'number';
  if (lang === 'en' && u === 'lägenheter') return 'dwellings';
  if (lang === 'en' && u === 'hushåll') return 'households';
  if (lang === 'en' && u === 'områden') return 'areas';
  return unit;
}

export function fmt(v: number | null | undefined, ind: { decimals: number }, lang: Lang): string {
  return formatNumber(v, lang, ind.decimals);
}

export function fmtUnit(v: number | null | undefined, ind: { decimals: number; unit: string }, lang: Lang): string {
  const s = fmt(v, ind, lang);
  if (s === '–') return s;
  const u = unitLabel(ind.unit, lang);
  return u === '%' ? `${s} %` : `${s} ${u}`;
}

export function signed(v: number | null | undefined, ind: { decimals: number }, lang: Lang): string {
  return formatSigned(v, lang, ind.decimals);
}

/** A badge saying better/worse/same in words, with a symbol and a colour-blind-safe colour. */
export function AssessmentBadge({
  assessment,
  text,
  label,
}: {
  assessment: Assessment;
  text: string;
  label: string;
}): ReactNode {
  const symbol = assessment === 'better' ? '▲' : assessment === 'worse' ? '▼' : assessment === 'same' ? '●' : '';
  return (
    <span
      className="fp-badge"
      data-assessment={assessment}
      style={{ color: ASSESSMENT_TEXT[assessment], background: ASSESSMENT_BG[assessment] }}
    >
      {symbol ? <span aria-hidden="true">{symbol} </span> : null}
      {text} <span className="fp-badge-label">({label})</span>
    </span>
  );
}

/** Case- and accent-tolerant search on area name or code. */
export function searchAreas<T extends { name: string; code: string }>(areas: readonly T[], q: string, limit = 12): T[] {
  const norm = (s: string) => s.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
  const nq = norm(q);
  if (!nq) return [];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const a of areas) {
    const n = norm(a.name);
    const c = a.code.toLowerCase();
    if (n.startsWith(nq) || c.startsWith(nq)) starts.push(a);
    else if (n.includes(nq) || c.includes(nq)) contains.push(a);
  }
  return [...starts, ...contains].slice(0, limit);
}

/**
 * Search by typing: a labelled text field; matches appear below as a list of buttons (Enter picks
 * the first). Used by all three pages.
 */
export function AreaSearch<T extends { name: string; code: string }>(props: {
  areas: readonly T[];
  label: string;
  hint: string;
  matchesText: (n: number) => string;
  noMatches: string;
  onPick: (area: T) => void;
  actionLabel: string;
  id?: string;
  /** The division a hit belongs to (the search covers every division). */
  divisionOf?: (area: T) => string;
}): ReactNode {
  const uid = useId();
  const id = props.id ?? `search-${uid}`;
  const [q, setQ] = useState('');
  const hits = useMemo(() => searchAreas(props.areas, q), [props.areas, q]);
  const pick = (a: T) => {
    props.onPick(a);
    setQ('');
  };
  return (
    <div className="fp-search">
      <label htmlFor={id}>{props.label}</label>
      <span id={`${id}-hint`} className="fp-muted fp-hint">
        {props.hint}
      </span>
      <input
        id={id}
        type="search"
        autoComplete="off"
        value={q}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) {
            e.preventDefault();
            pick(hits[0]);
          }
        }}
      />
      <p className="fp-muted" role="status" aria-live="polite">
        {q ? (hits.length ? props.matchesText(hits.length) : props.noMatches) : ''}
      </p>
      {hits.length ? (
        <ul className="fp-hits">
          {hits.map((a) => (
            <li key={`${props.divisionOf?.(a) ?? ''}:${a.code}`}>
              <button type="button" onClick={() => pick(a)} data-code={a.code}>
                {a.name} <span className="fp-muted">({a.code})</span>
                {props.divisionOf ? <span className="fp-muted fp-hit-division"> · {props.divisionOf(a)}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The division picker. */
export function DivisionSelect({
  divisions,
  value,
  onChange,
  label,
  lang,
  id,
  groups,
}: {
  divisions: readonly DivisionMeta[];
  value: string;
  onChange: (id: string) => void;
  label: string;
  lang: Lang;
  id: string;
  /** Group labels: current divisions, and older (ended) ones dated. */
  groups?: { current: string; older: string; endedOn: (date: string) => string };
}): ReactNode {
  const usable = divisions.filter((d) => d.areaCount > 0);
  const option = (d: DivisionMeta) => (
    <option key={d.id} value={d.id}>
      {divName(d, lang)} ({d.areaCount}){groups && d.validTo ? ` – ${groups.endedOn(d.validTo)}` : ''}
    </option>
  );
  return (
    <div className="fp-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {groups ? (
          <>
            <optgroup label={groups.current}>{usable.filter((d) => d.validTo === null).map(option)}</optgroup>
            <optgroup label={groups.older}>{usable.filter((d) => d.validTo !== null).map(option)}</optgroup>
          </>
        ) : (
          usable.map(option)
        )}
      </select>
    </div>
  );
}
