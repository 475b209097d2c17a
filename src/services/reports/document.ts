/**
 * A report as a document: headings, paragraphs, tables and charts (each chart followed by its table
 * twin, each table and chart naming its source and period). The HTML, PDF and DOCX writers render
 * this one model, so all three carry the same figures as the API.
 */
import type { CityReport, Report, ReportSection } from '../../core/contracts/reports.ts';
import { figureDecimals } from '../../core/reports/figures.ts';
import { WORDS, formatDateTime, formatNumber, formatWhole, periodName, type DocLang, type Words } from './words.ts';
import { interventionsBlocks } from './document-money.ts';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h'; text: string }
  | { kind: 'table'; caption: string; columns: { label: string; num?: boolean }[]; rows: string[][]; note: string }
  | {
      kind: 'chart';
      title: string;
      categories: string[];
      series: { label: string; values: (number | null)[] }[];
      /** the indicator's decimals, for the numbers written in the chart */
      decimals?: number;
      note: string;
    };

export interface DocSection {
  id: string;
  title: string;
  blocks: Block[];
}

export interface Doc {
  lang: DocLang;
  title: string;
  subtitle: string;
  meta: [string, string][];
  sections: DocSection[];
}

const noteOf = (w: Words, n: { source: string; period: string }): string =>
  `${w.source}: ${n.source || '–'}. ${w.period}: ${n.period || '–'}.`;

function targetsBlocks(
  w: Words,
  lang: DocLang,
  c: Extract<ReportSection['content'], { generator: 'targets' }>,
): Block[] {
  const out: Block[] = [];
  for (const t of c.data.items) {
    const fig = (v: number | null) => formatNumber(v, figureDecimals(v, t.decimals), lang);
    out.push({ kind: 'h', text: t.title[lang] });
    out.push({
      kind: 'table',
      caption: `${w.target}: ${t.title[lang]}`,
      columns: [{ label: '' }, { label: w.value }],
      rows: [
        [w.computed, w.statuses[t.status] ?? t.status],
        [w.reason, t.reason[lang]],
        [w.latest, t.latest ? `${fig(t.latest.value)} ${t.unit[lang]} (${t.latest.year})` : '–'],
        [w.targetValue, t.targetValue === null ? '–' : `${fig(t.targetValue)} ${t.unit[lang]}`],
        [w.trendWord, t.trend ? (w.trend[t.trend] ?? t.trend) : '–'],
        [
          w.assessment,
          t.assessment
            ? `${w.statuses[t.assessment.status] ?? t.assessment.status}: ${t.assessment.text}`
            : w.noAssessment,
        ],
      ],
      note: noteOf(w, t.note),
    });
    if (t.areaValues.length)
      out.push({
        kind: 'table',
        caption: `${w.areaValues}: ${t.title[lang]}`,
        // the areas' own values are in the indicator's unit (a gap target's unit is the gap's)
        columns: [
          { label: w.area },
          { label: w.period },
          { label: `${w.value} (${t.areaUnit ?? t.unit[lang]})`, num: true },
        ],
        rows: t.areaValues.map((a) => [a.name, a.period, fig(a.value)]),
        note: noteOf(w, t.note),
      });
  }
  return out;
}

function areasBlocks(w: Words, lang: DocLang, c: Extract<ReportSection['content'], { generator: 'areas' }>): Block[] {
  const d = c.data;
  if (!d.area) return [];
  const out: Block[] = [
    {
      kind: 'table',
      caption: `${d.area.name} – ${w.city}`,
      columns: [
        { label: w.indicator },
        { label: w.period },
        { label: d.area.name, num: true },
        { label: w.city, num: true },
        { label: w.difference, num: true },
        { label: w.rank, num: true },
      ],
      rows: d.items.map((i) => [
        `${i.name[lang]} (${i.unit})`,
        i.period ?? '–',
        formatNumber(i.value, i.decimals, lang),
        formatNumber(i.cityValue, i.decimals, lang),
        formatNumber(i.difference, i.decimals, lang),
        i.rank === null ? '–' : `${i.rank}/${i.rankedCount ?? '–'}`,
      ]),
      note: d.items
        .map((i) => noteOf(w, i.note))
        .filter((x, k, a) => a.indexOf(x) === k)
        .join(' '),
    },
  ];
  for (const i of d.items) {
    out.push({
      kind: 'chart',
      title: `${w.chartOf}: ${i.name[lang]} (${i.unit})`,
      categories: i.trend.map((p) => p.period),
      series: [
        { label: d.area.name, values: i.trend.map((p) => p.value) },
        { label: d.city, values: i.trend.map((p) => p.city) },
      ],
      decimals: i.decimals,
      note: noteOf(w, i.note),
    });
    out.push({
      kind: 'table',
      caption: `${w.tableTwin}: ${i.name[lang]} (${i.unit})`,
      columns: [{ label: w.period }, { label: d.area.name, num: true }, { label: d.city, num: true }],
      rows: i.trend.map((p) => [
        p.period,
        formatNumber(p.value, i.decimals, lang),
        formatNumber(p.city, i.decimals, lang),
      ]),
      note: noteOf(w, i.note),
    });
  }
  return out;
}

function participationBlocks(
  w: Words,
  lang: DocLang,
  c: Extract<ReportSection['content'], { generator: 'participation' }>,
): Block[] {
  const d = c.data;
  if (!d.items.length) return [{ kind: 'p', text: w.noParticipation }];
  return [
    {
      kind: 'table',
      caption: w.sections['participation']!,
      columns: [
        { label: w.area },
        { label: w.proposals, num: true },
        { label: w.supports, num: true },
        { label: w.dialogue, num: true },
        { label: w.ballots, num: true },
        { label: w.population, num: true },
      ],
      rows: d.items.map((i) => [
        i.areaName,
        String(i.proposals),
        String(i.supports),
        String(i.dialogueParticipants),
        String(i.ballots),
        i.population === null ? '–' : formatWhole(String(i.population), lang),
      ]),
      note: noteOf(w, d.note),
    },
  ];
}

function sectionBlocks(w: Words, lang: DocLang, s: ReportSection): Block[] {
  if (s.kind === 'written') {
    const paragraphs = s.body
      .split(/\n{2,}/)
      .map((x) => x.trim())
      .filter(Boolean);
    const who = s.assignee
      ? [{ kind: 'p' as const, text: `${w.reporter}: ${s.assignee.displayName || s.assignee.username}` }]
      : [];
    return [
      ...(paragraphs.length
        ? paragraphs.map((text) => ({ kind: 'p' as const, text }))
        : [{ kind: 'p' as const, text: w.emptyText }]),
      ...who,
    ];
  }
  const c = s.content;
  if (!c) return [];
  switch (c.generator) {
    case 'targets':
      return targetsBlocks(w, lang, c);
    case 'interventions':
      return interventionsBlocks(w, lang, c);
    case 'areas':
      return areasBlocks(w, lang, c);
    case 'participation':
      return participationBlocks(w, lang, c);
  }
}

export function reportDocument(r: Report, lang: DocLang, retrievedAt: string): Doc {
  const w = WORDS[lang];
  const kind = w.periodKind[r.period.kind];
  return {
    lang,
    title: `${kind} ${r.period.year} – ${r.committee.name}`,
    subtitle: `${w.period}: ${r.period.startsOn} – ${r.period.endsOn}`,
    meta: [
      [w.committee, r.committee.name],
      [w.period, periodName(r.period, lang)],
      [w.version, String(r.version)],
      [w.state, w.states[r.state]],
      r.frozen ? [w.frozenAt, formatDateTime(r.approvedAt, lang)] : [w.generatedAt, formatDateTime(retrievedAt, lang)],
    ],
    sections: r.sections.map((s) => ({
      id: `s-${s.key}`,
      title: w.sections[s.key] ?? s.key,
      blocks: sectionBlocks(w, lang, s),
    })),
  };
}

/** A share as a percentage with one decimal, in the document's language (the city page writes it the same way). */
const share = (v: number | null, lang: DocLang): string => (v === null ? '–' : `${formatNumber(v * 100, 1, lang)} %`);

/** "Fastställd 1 december 2026 kl. 18.13 av …" or "Preliminär: siffrorna är hämtade …" (the city page says the same). */
export function cityState(c: CityReport, lang: DocLang): string {
  const w = WORDS[lang];
  return c.approved
    ? `${w.cityApproved} ${formatDateTime(c.approved.at, lang)} ${w.cityBy} ${c.approved.by ?? '–'}`
    : `${w.cityPreliminary} ${formatDateTime(c.figuresAt, lang)}`;
}

export function cityDocument(c: CityReport, lang: DocLang): Doc {
  const w = WORDS[lang];
  const reports: Block[] = c.reports.length
    ? [
        {
          kind: 'table',
          caption: w.reportsIncluded,
          columns: [{ label: w.committee }, { label: w.version, num: true }, { label: w.approved }],
          rows: c.reports.map((r) => [r.committee.name, String(r.version), r.approvedAt?.slice(0, 10) ?? '–']),
          note: `${w.source}: Färdplan. ${w.period}: ${c.period.id}.`,
        },
      ]
    : [{ kind: 'p', text: w.noReports }];
  if (c.missing.length)
    reports.push({ kind: 'p', text: `${w.cityMissing}: ${c.missing.map((m) => m.name).join(', ')}.` });
  const chapters: DocSection[] = c.chapters.map((ch) => ({
    id: `r-${ch.reportId}`,
    title: ch.committee,
    blocks: ch.sections.flatMap((s) => [
      { kind: 'h' as const, text: w.sections[s.key] ?? s.key },
      ...(s.body.trim()
        ? s.body.split(/\n{2,}/).map((text) => ({ kind: 'p' as const, text: text.trim() }))
        : [{ kind: 'p' as const, text: w.emptyText }]),
    ]),
  }));
  return {
    lang,
    title: `${w.cityReport} – ${w.periodKind[c.period.kind]} ${c.period.year}`,
    subtitle: `${w.period}: ${c.period.startsOn} – ${c.period.endsOn}`,
    meta: [
      [w.period, periodName(c.period, lang)],
      [w.state, cityState(c, lang)],
      ...(c.approved?.note ? [[w.cityNote, c.approved.note] as [string, string]] : []),
    ],
    sections: [
      { id: 'reports', title: w.reportsIncluded, blocks: reports },
      {
        id: 'goal-areas',
        title: w.statusSummary,
        blocks: [
          {
            kind: 'table',
            caption: w.statusSummary,
            columns: [
              { label: w.goalArea },
              ...(['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'] as const).map((s) => ({
                label: w.statuses[s]!,
                num: true,
              })),
            ],
            rows: c.goalAreas.map((g) => [
              g.title[lang],
              ...(['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'] as const).map((s) =>
                String(g.counts[s] ?? 0),
              ),
            ]),
            note: noteOf(w, c.notes.goals),
          },
        ],
      },
      {
        id: 'commitments',
        title: w.commitments,
        blocks: [
          {
            kind: 'table',
            caption: w.commitments,
            columns: [{ label: w.commitment }, { label: w.status }, { label: w.reason }],
            rows: c.commitments.map((x) => [x.title[lang], w.statuses[x.status] ?? x.status, x.reason[lang]]),
            note: noteOf(w, c.notes.goals),
          },
          ...(c.assessments.length
            ? [
                {
                  kind: 'table' as const,
                  caption: w.assessments,
                  columns: [{ label: w.target }, { label: w.committee }, { label: w.status }, { label: w.assessment }],
                  rows: c.assessments.map((a) => [a.targetId, a.committee, w.statuses[a.status] ?? a.status, a.text]),
                  note: `${w.source}: Färdplan. ${w.period}: ${c.period.id}.`,
                },
              ]
            : []),
        ],
      },
      {
        id: 'money',
        title: w.moneyByCommittee,
        blocks: [
          {
            kind: 'table',
            caption: w.moneyByCommittee,
            columns: [
              { label: w.committee },
              { label: w.interventions, num: true },
              { label: w.planned, num: true },
              { label: w.decided, num: true },
              { label: w.spent, num: true },
            ],
            rows: c.moneyByCommittee.map((m) => [
              m.name,
              String(m.interventions),
              formatWhole(m.planned, lang),
              formatWhole(m.decided, lang),
              formatWhole(m.spent, lang),
            ]),
            note: noteOf(w, c.notes.money),
          },
          {
            kind: 'table',
            caption: w.moneyByDistrict,
            columns: [
              { label: w.area },
              { label: w.amount, num: true },
              { label: w.residents, num: true },
              { label: w.moneyShare, num: true },
              { label: w.needShare, num: true },
            ],
            rows: c.moneyByDistrict.map((d) => [
              d.name,
              formatWhole(d.amount, lang),
              formatWhole(d.residents, lang),
              share(d.moneyShare, lang),
              share(d.needShare, lang),
            ]),
            note: noteOf(w, c.notes.need),
          },
        ],
      },
      ...chapters,
    ],
  };
}
