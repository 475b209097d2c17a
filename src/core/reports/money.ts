/**
 * Money in a report: a sum of budget lines in exact kronor where any amount may be unknown. As in the
 * interventions register (docs/interventions.md), an amount no line gives is unknown (null), never 0;
 * a sum where some lines give the amount and some do not is the sum of the known lines and says it is
 * partial. Pure: used by the report content and (through the content) by the screen and the documents.
 */
import { formatKronor } from '../money.ts';

export const MEASURES = ['planned', 'decided', 'spent'] as const;
export type Measure = (typeof MEASURES)[number];

/** One sum: each amount whole kronor as an integer string, or null when unknown. */
export interface ReportMoney {
  planned: string | null;
  decided: string | null;
  spent: string | null;
  /** true when the amount sums the known lines only (some lines leave it unknown) */
  partial: Record<Measure, boolean>;
}

/** A budget line (or an already summed row) with amounts that may be unknown. */
interface Amounts {
  planned: string | null;
  decided: string | null;
  spent: string | null;
  partial?: Record<Measure, boolean>;
}

/** The sum of lines (or rows) per measure: null when none gives it, partial when some do not. */
export function sumMoney(rows: readonly Amounts[]): ReportMoney {
  const out: ReportMoney = {
    planned: null,
    decided: null,
    spent: null,
    partial: { planned: false, decided: false, spent: false },
  };
  for (const m of MEASURES) {
    const known = rows.filter((r) => r[m] !== null);
    if (known.length > 0) out[m] = known.reduce((s, r) => s + BigInt(r[m]!), 0n).toString();
    out.partial[m] = known.length > 0 && (known.length < rows.length || known.some((r) => r.partial?.[m] === true));
  }
  return out;
}

const MONEY_WORDS = {
  sv: { unknown: 'okänt', partial: 'delvis okänt' },
  en: { unknown: 'unknown', partial: 'partly unknown' },
} as const;

/**
 * One amount as the report screen and the documents print it: whole kronor grouped by threes in the language's way (1 234 567, 1,234,567); an
 * unknown amount "– (okänt)"; a partial sum "750 000 (delvis okänt)". One function, so that screen and
 * documents say the same.
 */
export function formatReportAmount(v: string | null, partial: boolean, lang: 'sv' | 'en'): string {
  if (v === null) return `– (${MONEY_WORDS[lang].unknown})`;
  return `${formatKronor(BigInt(v), lang, { unit: false })}${partial ? ` (${MONEY_WORDS[lang].partial})` : ''}`;
}

/** The three amounts of a sum, in the order planned, decided, spent. */
export const reportAmounts = (m: ReportMoney, lang: 'sv' | 'en'): string[] =>
  MEASURES.map((k) => formatReportAmount(m[k], m.partial[k], lang));

/** The interventions content as reports approved before the budget year was kept (version 1 of the content). */
interface LegacyInterventions {
  items: {
    id: string;
    name: string;
    status: string;
    committee: string;
    areas: string[];
    perYear?: { year: number; planned: string; decided: string; spent: string }[];
    followUps: { period: string; text: string }[];
  }[];
  note: { source: string; period: string };
}

/**
 * A frozen interventions content written before the report kept its budget year (it had every year's
 * rows and totals over all years): read as the report year's rows, as approved. Those snapshots wrote
 * an unknown amount as 0, which cannot be told apart from a real 0 afterwards.
 */
export function upgradeInterventionsContent(data: unknown, year: number): unknown {
  if (!data || typeof data !== 'object' || 'year' in data) return data;
  const old = data as LegacyInterventions;
  const items = old.items.flatMap((i) => {
    const row = i.perYear?.find((y) => y.year === year);
    if (!row && i.followUps.length === 0) return [];
    return [
      {
        id: i.id,
        name: i.name,
        status: i.status,
        committee: i.committee,
        areas: i.areas,
        money: sumMoney(row ? [row] : []),
        followUps: i.followUps,
      },
    ];
  });
  return { year, total: sumMoney(items.map((i) => i.money)), items, note: old.note };
}
