/**
 * The indicator catalogue of the Stockholm reference dataset, as pure definitions: how each count is
 * read from SCB table records, and how rates are built from counts. Pure data.
 *
 * Kinds: `count` indicators hold counts that can be summed over areas; `share` / `mean` indicators
 * are numerator ÷ denominator (two count indicators) × multiplier and are always recomputed from
 * summed counts, never averaged; `median` indicators (and means without a count behind them) are
 * read from the source at its own level only and are not available above it.
 */
import type { Indicator } from '../types.ts';
import type { ScbRecord } from './scb.ts';

/** One term of a count: Σ coef × value(match) [× value(times)]. */
export interface CountTerm {
  content?: string;
  match?: Record<string, string>;
  coef?: number;
  /** Multiply by another cell of the same region and period (e.g. percent × persons ÷ 100). */
  times?: { content?: string; match?: Record<string, string> };
}

/** Where a count comes from: one table (by id) and the terms summed per region and period. */
export interface CountSource {
  tableId: string;
  terms: CountTerm[];
}

export interface ReferenceIndicator extends Indicator {
  /** For counts: the tables it is read from, in order of preference per region and period. */
  counts?: CountSource[];
  /** For medians and source-level means: the cell read as is. */
  direct?: { tableId: string; content?: string; match?: Record<string, string> }[];
  /** False for medians and means without counts: not aggregated, marked not available above the source level. */
  aggregable: boolean;
  /** Count indicators used only as numerator/denominator are `helper`: listed, but not shown as headline indicators. */
  helper?: boolean;
}

/** Table ids of the RegSO series (CSV files carry none; these are ours). */
export const REGSO_TABLES = {
  bornRegion: 'regso-born-region',
  housingTenure: 'regso-housing-tenure',
  income: 'regso-income',
} as const;

const SCB = 'scb';

function count(
  id: string,
  nameSv: string,
  nameEn: string,
  definitionSv: string,
  definitionEn: string,
  unit: string,
  counts: CountSource[],
  opts: { helper?: boolean; polarity?: Indicator['polarity']; decimals?: number } = {},
): ReferenceIndicator {
  return {
    id,
    nameSv,
    nameEn,
    definitionSv,
    definitionEn,
    unit,
    kind: 'count',
    polarity: opts.polarity ?? 'neutral',
    sourceId: SCB,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: opts.decimals ?? 0,
    counts,
    aggregable: true,
    helper: opts.helper ?? false,
  };
}

function ratio(
  id: string,
  kind: 'share' | 'mean',
  nameSv: string,
  nameEn: string,
  definitionSv: string,
  definitionEn: string,
  unit: string,
  polarity: Indicator['polarity'],
  numeratorId: string,
  denominatorId: string,
  multiplier: number,
  decimals: number,
): ReferenceIndicator {
  return {
    id,
    nameSv,
    nameEn,
    definitionSv,
    definitionEn,
    unit,
    kind,
    polarity,
    sourceId: SCB,
    numeratorId,
    denominatorId,
    multiplier,
    decimals,
    aggregable: true,
  };
}

const T = { kön: 'totalt' };

export const REFERENCE_INDICATORS: readonly ReferenceIndicator[] = [
  // --- Population -----------------------------------------------------------------------------
  count(
    'population',
    'Folkmängd',
    'Population',
    'Antal folkbokförda personer den 31 december.',
    'Number of registered residents on 31 December.',
    'personer',
    [
      { tableId: '000005FE', terms: [{ match: { 'utländsk/svensk bakgrund': 'totalt', ...T } }] },
      { tableId: '000005FC', terms: [{ match: T }] },
      { tableId: REGSO_TABLES.bornRegion, terms: [{ match: { födelseregion: 'totalt', ...T } }] },
    ],
  ),
  count(
    'population-foreign-background',
    'Personer med utländsk bakgrund',
    'Persons with a foreign background',
    'Personer som är födda utomlands, eller födda i Sverige med två utrikes födda föräldrar (SCB:s definition).',
    'Persons born abroad, or born in Sweden with two parents born abroad (SCB definition).',
    'personer',
    [{ tableId: '000005FE', terms: [{ match: { 'utländsk/svensk bakgrund': 'utländsk bakgrund', ...T } }] }],
    { helper: true },
  ),
  count(
    'population-born-outside-europe',
    'Personer födda utanför Europa',
    'Persons born outside Europe',
    'Personer födda i övriga världen (utanför Europa), inklusive uppgift saknas. Europa omfattar Norden, EU samt övriga Europa inklusive Ryssland och Turkiet.',
    'Persons born in the rest of the world (outside Europe), including unknown. Europe includes the Nordic countries, the EU and the rest of Europe including Russia and Turkey.',
    'personer',
    [{ tableId: '000005FB', terms: [{ match: { födelseregion: 'övriga världen inkl. uppgift saknas', ...T } }] }],
    { helper: true },
  ),
  count(
    'population-born-abroad',
    'Utrikes födda',
    'Persons born abroad',
    'Folkmängd minus personer födda i Sverige.',
    'Population minus persons born in Sweden.',
    'personer',
    [
      {
        tableId: '000005FB',
        terms: [{ match: { födelseregion: 'totalt', ...T } }, { match: { födelseregion: 'Sverige', ...T }, coef: -1 }],
      },
      {
        tableId: REGSO_TABLES.bornRegion,
        terms: [{ match: { födelseregion: 'totalt', ...T } }, { match: { födelseregion: 'Sverige', ...T }, coef: -1 }],
      },
    ],
    { helper: true },
  ),
  // The birth-region table's own total, as the denominator of the birth-region shares (so that the
  // RegSO series 2020–2023 and the DeSO table give shares from one table each).
  count(
    'population-birth-region-total',
    'Folkmängd (tabell efter födelseregion)',
    'Population (birth region table)',
    'Folkmängd enligt tabellen efter födelseregion; nämnare för andelar efter födelseregion.',
    'Population as in the table by birth region; the denominator of the birth-region shares.',
    'personer',
    [
      { tableId: '000005FB', terms: [{ match: { födelseregion: 'totalt', ...T } }] },
      { tableId: REGSO_TABLES.bornRegion, terms: [{ match: { födelseregion: 'totalt', ...T } }] },
    ],
    { helper: true },
  ),
  ratio(
    'share-foreign-background',
    'share',
    'Andel med utländsk bakgrund',
    'Share with a foreign background',
    'Personer med utländsk bakgrund i procent av folkmängden.',
    'Persons with a foreign background as a percentage of the population.',
    'procent',
    'neutral',
    'population-foreign-background',
    'population',
    100,
    1,
  ),
  ratio(
    'share-born-outside-europe',
    'share',
    'Andel födda utanför Europa',
    'Share born outside Europe',
    'Personer födda utanför Europa (inkl. uppgift saknas) i procent av folkmängden.',
    'Persons born outside Europe (incl. unknown) as a percentage of the population.',
    'procent',
    'neutral',
    'population-born-outside-europe',
    'population-birth-region-total',
    100,
    1,
  ),
  ratio(
    'share-born-abroad',
    'share',
    'Andel utrikes födda',
    'Share born abroad',
    'Utrikes födda i procent av folkmängden.',
    'Persons born abroad as a percentage of the population.',
    'procent',
    'neutral',
    'population-born-abroad',
    'population-birth-region-total',
    100,
    1,
  ),
  // --- Income -----------------------------------------------------------------------------------
  {
    id: 'net-income-median',
    nameSv: 'Medianinkomst (nettoinkomst)',
    nameEn: 'Median net income',
    definitionSv:
      'Medianvärdet av nettoinkomsten för personer 20 år och äldre, tusental kronor, fasta priser. Medianer kan inte summeras och redovisas bara för DeSO.',
    definitionEn:
      'Median net income of persons aged 20 and over, thousand kronor, constant prices. Medians cannot be summed and are shown for DeSO only.',
    unit: 'tkr',
    kind: 'median',
    polarity: 'higher_better',
    sourceId: SCB,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: 1,
    direct: [{ tableId: '000005FM', content: 'Medianvärde, tkr', match: { inkomstslag: 'nettoinkomst', ...T } }],
    aggregable: false,
  },
  count(
    'net-income-total',
    'Summa nettoinkomst',
    'Total net income',
    'Medelvärde av nettoinkomsten × antal personer, tusental kronor (härlett, för att räkna medelvärden för större områden).',
    'Mean net income × number of persons, thousand kronor (derived, to compute means for larger areas).',
    'tkr',
    [
      {
        tableId: '000005FM',
        terms: [
          {
            content: 'Medelvärde, tkr',
            match: { inkomstslag: 'nettoinkomst', ...T },
            times: { content: 'Antal personer totalt', match: { inkomstslag: 'nettoinkomst', ...T } },
          },
        ],
      },
    ],
    { helper: true, decimals: 1 },
  ),
  count(
    'income-persons',
    'Antal personer (inkomststatistik)',
    'Persons (income statistics)',
    'Antal personer 20 år och äldre i inkomststatistiken.',
    'Number of persons aged 20 and over in the income statistics.',
    'personer',
    [
      {
        tableId: '000005FM',
        terms: [{ content: 'Antal personer totalt', match: { inkomstslag: 'nettoinkomst', ...T } }],
      },
    ],
    { helper: true },
  ),
  ratio(
    'net-income-mean',
    'mean',
    'Medelinkomst (nettoinkomst)',
    'Mean net income',
    'Summa nettoinkomst ÷ antal personer 20 år och äldre, tusental kronor, fasta priser.',
    'Total net income ÷ number of persons aged 20 and over, thousand kronor, constant prices.',
    'tkr',
    'higher_better',
    'net-income-total',
    'income-persons',
    1,
    1,
  ),
  count(
    'persons-low-economic-standard',
    'Personer med låg ekonomisk standard',
    'Persons with a low economic standard',
    'Andel med låg ekonomisk standard (SCB, heltal i procent) × antal personer ÷ 100 (härlett; avrundningen i SCB:s procent ger en osäkerhet om ±0,5 procent av personerna per DeSO).',
    'Share with a low economic standard (SCB, whole percent) × persons ÷ 100 (derived; the rounding of SCB percentages gives ±0.5 % of persons per DeSO).',
    'personer',
    [
      {
        tableId: '000006TA',
        terms: [
          {
            content: 'Låg ekonomisk standard, procent',
            match: { ålder: 'totalt ålder' },
            coef: 0.01,
            times: { content: 'Antal personer totalt', match: { ålder: 'totalt ålder' } },
          },
        ],
      },
    ],
    { helper: true, decimals: 0 },
  ),
  count(
    'economic-standard-persons',
    'Antal personer (ekonomisk standard)',
    'Persons (economic standard)',
    'Antal personer i statistiken över ekonomisk standard.',
    'Number of persons in the economic standard statistics.',
    'personer',
    [{ tableId: '000006TA', terms: [{ content: 'Antal personer totalt', match: { ålder: 'totalt ålder' } }] }],
    { helper: true },
  ),
  ratio(
    'share-low-economic-standard',
    'share',
    'Andel med låg ekonomisk standard',
    'Share with a low economic standard',
    'Personer i hushåll med en disponibel inkomst per konsumtionsenhet under 60 procent av medianen för riket, i procent av befolkningen.',
    'Persons in households with a disposable income per consumption unit below 60 % of the national median, as a percentage of the population.',
    'procent',
    'lower_better',
    'persons-low-economic-standard',
    'economic-standard-persons',
    100,
    1,
  ),
  // --- Labour market ------------------------------------------------------------------------------
  count(
    'employed-16-64',
    'Sysselsatta 16–64 år',
    'Employed aged 16–64',
    'Antal förvärvsarbetande (sysselsatta) 16–64 år enligt registret.',
    'Number of employed persons aged 16–64 (register).',
    'personer',
    [{ tableId: '000007A8', terms: [{ content: 'antal sysselsatta', match: { ...T, ålder: '16-64 år' } }] }],
    { helper: true },
  ),
  count(
    'unemployed-16-64',
    'Arbetslösa 16–64 år',
    'Unemployed aged 16–64',
    'Antal arbetslösa 16–64 år enligt registret.',
    'Number of unemployed persons aged 16–64 (register).',
    'personer',
    [{ tableId: '000007A8', terms: [{ content: 'antal arbetslösa', match: { ...T, ålder: '16-64 år' } }] }],
    { helper: true },
  ),
  count(
    'labour-force-16-64',
    'Arbetskraften 16–64 år',
    'Labour force aged 16–64',
    'Sysselsatta och arbetslösa 16–64 år (SCB:s redovisade summa).',
    'Employed and unemployed aged 16–64 (the total as published by SCB).',
    'personer',
    [
      {
        tableId: '000007A8',
        terms: [{ content: 'antal sysselsatta och arbetslösa (arbetskraften)', match: { ...T, ålder: '16-64 år' } }],
      },
    ],
    { helper: true },
  ),
  count(
    'population-16-64',
    'Befolkning 16–64 år',
    'Population aged 16–64',
    'Antal personer 16–64 år i arbetsmarknadsstatistiken.',
    'Number of persons aged 16–64 in the labour-market statistics.',
    'personer',
    [{ tableId: '000007A8', terms: [{ content: 'antal totalt', match: { ...T, ålder: '16-64 år' } }] }],
    { helper: true },
  ),
  ratio(
    'employment-rate-16-64',
    'share',
    'Sysselsättningsgrad 16–64 år',
    'Employment rate aged 16–64',
    'Sysselsatta 16–64 år i procent av befolkningen 16–64 år.',
    'Employed persons aged 16–64 as a percentage of the population aged 16–64.',
    'procent',
    'higher_better',
    'employed-16-64',
    'population-16-64',
    100,
    1,
  ),
  ratio(
    'unemployment-share-16-64',
    'share',
    'Arbetslöshet 16–64 år (andel av arbetskraften)',
    'Unemployment aged 16–64 (share of the labour force)',
    'Arbetslösa 16–64 år i procent av arbetskraften 16–64 år.',
    'Unemployed persons aged 16–64 as a percentage of the labour force aged 16–64.',
    'procent',
    'lower_better',
    'unemployed-16-64',
    'labour-force-16-64',
    100,
    1,
  ),
  // --- Education ----------------------------------------------------------------------------------
  count(
    'post-secondary-3plus-25-64',
    'Eftergymnasial utbildning 3 år eller mer, 25–64 år',
    'Post-secondary education 3+ years, aged 25–64',
    'Antal personer 25–64 år med eftergymnasial utbildning om minst tre år.',
    'Number of persons aged 25–64 with post-secondary education of at least three years.',
    'personer',
    [{ tableId: '000005MO', terms: [{ match: { utbildningsnivå: 'eftergymnasial utbildning, 3 år eller mer' } }] }],
    { helper: true },
  ),
  count(
    'compulsory-only-25-64',
    'Högst förgymnasial utbildning, 25–64 år',
    'At most compulsory school, aged 25–64',
    'Antal personer 25–64 år med högst förgymnasial utbildning.',
    'Number of persons aged 25–64 with at most compulsory schooling.',
    'personer',
    [{ tableId: '000005MO', terms: [{ match: { utbildningsnivå: 'förgymnasial utbildning' } }] }],
    { helper: true },
  ),
  count(
    'population-25-64-education',
    'Befolkning 25–64 år (utbildningsstatistik)',
    'Population aged 25–64 (education statistics)',
    'Alla personer 25–64 år i utbildningsstatistiken, inklusive uppgift saknas.',
    'All persons aged 25–64 in the education statistics, including unknown.',
    'personer',
    [
      {
        tableId: '000005MO',
        terms: [
          'förgymnasial utbildning',
          'gymnasial utbildning',
          'eftergymnasial utbildning, mindre än 3 år',
          'eftergymnasial utbildning, 3 år eller mer',
          'uppgift om utbildningsnivå saknas',
        ].map((u) => ({ match: { utbildningsnivå: u } })),
      },
    ],
    { helper: true },
  ),
  ratio(
    'share-post-secondary-3plus-25-64',
    'share',
    'Andel med eftergymnasial utbildning 3 år eller mer, 25–64 år',
    'Share with post-secondary education of 3+ years, aged 25–64',
    'Personer 25–64 år med minst treårig eftergymnasial utbildning i procent av alla 25–64 år (inkl. uppgift saknas).',
    'Persons aged 25–64 with at least three years of post-secondary education as a percentage of all aged 25–64 (incl. unknown).',
    'procent',
    'higher_better',
    'post-secondary-3plus-25-64',
    'population-25-64-education',
    100,
    1,
  ),
  ratio(
    'share-compulsory-only-25-64',
    'share',
    'Andel med högst förgymnasial utbildning, 25–64 år',
    'Share with at most compulsory school, aged 25–64',
    'Personer 25–64 år med högst förgymnasial utbildning i procent av alla 25–64 år (inkl. uppgift saknas).',
    'Persons aged 25–64 with at most compulsory schooling as a percentage of all aged 25–64 (incl. unknown).',
    'procent',
    'lower_better',
    'compulsory-only-25-64',
    'population-25-64-education',
    100,
    1,
  ),
  // --- Housing ------------------------------------------------------------------------------------
  count(
    'dwellings-rental',
    'Hyresrätter',
    'Rental dwellings',
    'Antal lägenheter med hyresrätt.',
    'Number of rental dwellings.',
    'lägenheter',
    [
      { tableId: '000006OC', terms: [{ match: { upplåtelseform: 'hyresrätt' } }] },
      { tableId: REGSO_TABLES.housingTenure, terms: [{ match: { upplåtelseform: 'hyresrätt' } }] },
    ],
    { helper: true },
  ),
  count(
    'dwellings',
    'Lägenheter',
    'Dwellings',
    'Antal lägenheter, alla upplåtelseformer inklusive uppgift saknas.',
    'Number of dwellings, all tenures including unknown.',
    'lägenheter',
    [
      {
        tableId: '000006OC',
        terms: ['hyresrätt', 'bostadsrätt', 'äganderätt', 'uppgift saknas'].map((u) => ({
          match: { upplåtelseform: u },
        })),
      },
      {
        tableId: REGSO_TABLES.housingTenure,
        terms: ['hyresrätt', 'bostadsrätt', 'äganderätt', 'uppgift saknas'].map((u) => ({
          match: { upplåtelseform: u },
        })),
      },
    ],
  ),
  ratio(
    'share-rental-dwellings',
    'share',
    'Andel hyresrätter',
    'Share of rental dwellings',
    'Lägenheter med hyresrätt i procent av alla lägenheter (inkl. uppgift saknas).',
    'Rental dwellings as a percentage of all dwellings (incl. unknown).',
    'procent',
    'neutral',
    'dwellings-rental',
    'dwellings',
    100,
    1,
  ),
  count(
    'households',
    'Hushåll',
    'Households',
    'Antal hushåll (alla hushållstyper).',
    'Number of households (all household types).',
    'hushåll',
    [
      {
        tableId: '000005F8',
        terms: [
          'sammanboende med barn',
          'sammanboende utan barn',
          'ensamstående med barn',
          'ensamstående utan barn',
          'övriga hushåll',
        ].map((h) => ({ match: { hushållstyp: h } })),
      },
    ],
  ),
  {
    id: 'salary-income-mean',
    nameSv: 'Medelvärde löneinkomst (RegSO)',
    nameEn: 'Mean salary income (RegSO)',
    definitionSv:
      'Medelvärde av löneinkomsten för samtliga, tusental kronor. Antalet personer saknas i källan, så medelvärdet kan inte räknas för större områden.',
    definitionEn:
      'Mean salary income of all persons, thousand kronor. The source has no number of persons, so the mean cannot be computed for larger areas.',
    unit: 'tkr',
    kind: 'mean',
    polarity: 'higher_better',
    sourceId: SCB,
    numeratorId: null,
    denominatorId: null,
    multiplier: 1,
    decimals: 1,
    direct: [{ tableId: REGSO_TABLES.income, match: { inkomstkomponent: 'löneinkomst', ...T } }],
    aggregable: false,
  },
];

export const INDICATOR_BY_ID: ReadonlyMap<string, ReferenceIndicator> = new Map(
  REFERENCE_INDICATORS.map((i) => [i.id, i]),
);

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
  indicators: readonly ReferenceIndicator[] = REFERENCE_INDICATORS,
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
