/**
 * The interventions section of a report document: one table with a row per intervention for the
 * report's budget year and a total row (the same rows the report screen shows), then each
 * intervention's follow-ups in the period. Unknown amounts are printed as unknown, never 0.
 */
import type { ReportSection } from '../../core/contracts/reports.ts';
import { reportAmounts } from '../../core/reports/money.ts';
import type { Block } from './document.ts';
import type { DocLang, Words } from './words.ts';

type InterventionsSection = Extract<ReportSection['content'], { generator: 'interventions' }>;

export function interventionsBlocks(w: Words, lang: DocLang, c: InterventionsSection): Block[] {
  const d = c.data;
  if (!d.items.length) return [{ kind: 'p', text: w.noInterventions }];
  const status = (s: string): string => w.interventionStatuses[s] ?? s;
  const out: Block[] = [
    {
      kind: 'table',
      caption: w.moneyOfYear(d.year),
      columns: [
        { label: w.intervention },
        { label: w.status },
        { label: w.planned, num: true },
        { label: w.decided, num: true },
        { label: w.spent, num: true },
      ],
      rows: [
        ...d.items.map((i) => [i.name, status(i.status), ...reportAmounts(i.money, lang)]),
        [w.total, '', ...reportAmounts(d.total, lang)],
      ],
      note: `${w.source}: ${d.note.source || '–'}. ${w.period}: ${d.note.period || '–'}. ${w.budgetYearNote(d.year)}`,
    },
  ];
  for (const i of d.items) {
    out.push({ kind: 'h', text: `${i.name} (${status(i.status)})` });
    out.push({ kind: 'p', text: `${w.followUps}:` });
    if (!i.followUps.length) out.push({ kind: 'p', text: w.noFollowUps });
    for (const f of i.followUps) out.push({ kind: 'p', text: `${f.period}: ${f.text}` });
  }
  return out;
}
