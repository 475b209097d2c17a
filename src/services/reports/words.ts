/**
 * The words of the exported documents (HTML, PDF, DOCX), Swedish first and English. The web app has
 * its own texts in src/web/i18n/reports.ts; documents are made on the server, so theirs live here.
 */
import { formatKronor } from '../../core/money.ts';
import { reasonSentence } from '../../i18n/goal-reasons.ts';
import type { StatusReason } from '../../core/contracts/goals.ts';

export type DocLang = 'sv' | 'en';

/** A status reason in both languages, worded as the goals pages word it (kept so in a frozen snapshot). */
export const reasonWords = (r: StatusReason): { sv: string; en: string } => ({
  sv: reasonSentence(r, 'sv'),
  en: reasonSentence(r, 'en'),
});

export const WORDS = {
  sv: {
    report: 'Rapport',
    cityReport: 'Stadens samlade rapport',
    periodKind: { T1: 'Tertialrapport 1', T2: 'Tertialrapport 2', VB: 'Verksamhetsberättelse' },
    contents: 'Innehåll',
    committee: 'Nämnd',
    period: 'Period',
    version: 'Version',
    state: 'Status',
    states: { utkast: 'Utkast', klar: 'Klar', godkand: 'Godkänd' },
    approved: 'Godkänd',
    notApproved: 'Ej godkänd',
    generatedAt: 'Siffrorna är hämtade',
    frozenAt: 'Siffrorna är låsta vid godkännandet',
    source: 'Källa',
    sections: {
      targets: 'Mål och etappmål',
      interventions: 'Insatser och ekonomi',
      areas: 'Området jämfört med staden',
      participation: 'Delaktighet',
      analysis: 'Analys',
      measures: 'Åtgärder',
      risks: 'Risker',
    } as Record<string, string>,
    statuses: {
      met: 'Uppnått',
      on_track: 'På väg',
      at_risk: 'Risk',
      off_track: 'Ur kurs',
      not_measurable: 'Ej bedömd',
    } as Record<string, string>,
    trend: { up: 'ökar', down: 'minskar', flat: 'oförändrad' } as Record<string, string>,
    target: 'Mål',
    computed: 'Beräknad status',
    reason: 'Skäl',
    latest: 'Senaste värde',
    targetValue: 'Målvärde',
    trendWord: 'Utveckling',
    assessment: 'Nämndens bedömning',
    noAssessment: 'Ingen bedömning',
    areaValues: 'Värden i nämndens områden',
    area: 'Område',
    value: 'Värde',
    intervention: 'Insats',
    status: 'Status',
    year: 'År',
    planned: 'Planerat (kr)',
    decided: 'Beslutat (kr)',
    spent: 'Förbrukat (kr)',
    moneyPerYear: 'Pengar per år för nämndens insatser',
    moneyOfYear: (y: number) => `Nämndens insatser och deras pengar, budgetår ${y}`,
    budgetYearNote: (y: number) =>
      `Beloppen gäller hela budgetåret ${y}: registret har belopp per år, inte per tertial. Ett okänt belopp visas som okänt, inte som 0; en summa där några belopp är okända är delvis okänd.`,
    total: 'Summa',
    interventionStatuses: {
      planned: 'Planerad',
      decided: 'Beslutad',
      running: 'Pågående',
      finished: 'Avslutad',
      stopped: 'Stoppad',
    } as Record<string, string>,
    followUps: 'Periodens uppföljningar',
    noFollowUps: 'Inga uppföljningar under perioden.',
    noInterventions: 'Nämnden har inga insatser i registret.',
    indicator: 'Indikator',
    city: 'Staden',
    difference: 'Skillnad',
    rank: 'Rang',
    chartOf: 'Diagram',
    tableTwin: 'Diagrammets värden',
    proposals: 'Förslag',
    supports: 'Stöd',
    dialogue: 'Deltagare i dialoger',
    ballots: 'Röster i medborgarbudget',
    population: 'Invånare',
    noParticipation: 'Ingen delaktighet registrerad i nämndens områden.',
    emptyText: '(Ingen text ännu.)',
    reporter: 'Rapportör',
    deadline: 'Senast',
    goalArea: 'Målområde',
    commitment: 'Åtagande',
    reportsIncluded: 'Godkända nämndrapporter',
    statusSummary: 'Status per målområde',
    commitments: 'Status per åtagande',
    moneyByCommittee: 'Pengar per nämnd',
    moneyByDistrict: 'Pengar per stadsdelsområde mot behov',
    amount: 'Belopp (kr)',
    residents: 'Invånare',
    moneyShare: 'Andel av pengarna',
    needShare: 'Andel av behovet',
    interventions: 'Insatser',
    assessments: 'Nämndernas bedömningar',
    noReports: 'Inga godkända rapporter för perioden ännu.',
    cityApproved: 'Fastställd',
    cityBy: 'av',
    cityPreliminary: 'Preliminär: siffrorna är hämtade',
    cityMissing: 'Rapporter som inte är godkända',
    cityNote: 'Anteckning',
  },
  en: {
    report: 'Report',
    cityReport: "The city's compiled report",
    periodKind: { T1: 'Tertial report 1', T2: 'Tertial report 2', VB: 'Annual report' },
    contents: 'Contents',
    committee: 'Committee',
    period: 'Period',
    version: 'Version',
    state: 'State',
    states: { utkast: 'Draft', klar: 'Ready', godkand: 'Approved' },
    approved: 'Approved',
    notApproved: 'Not approved',
    generatedAt: 'Figures retrieved',
    frozenAt: 'Figures frozen at approval',
    source: 'Source',
    sections: {
      targets: 'Goals and milestone targets',
      interventions: 'Interventions and money',
      areas: 'The area against the city',
      participation: 'Participation',
      analysis: 'Analysis',
      measures: 'Measures',
      risks: 'Risks',
    } as Record<string, string>,
    statuses: {
      met: 'Met',
      on_track: 'On track',
      at_risk: 'At risk',
      off_track: 'Off track',
      not_measurable: 'Not assessed',
    } as Record<string, string>,
    trend: { up: 'rising', down: 'falling', flat: 'unchanged' } as Record<string, string>,
    target: 'Target',
    computed: 'Computed status',
    reason: 'Reason',
    latest: 'Latest value',
    targetValue: 'Target value',
    trendWord: 'Trend',
    assessment: "Committee's assessment",
    noAssessment: 'No assessment',
    areaValues: "Values in the committee's areas",
    area: 'Area',
    value: 'Value',
    intervention: 'Intervention',
    status: 'Status',
    year: 'Year',
    planned: 'Planned (SEK)',
    decided: 'Decided (SEK)',
    spent: 'Spent (SEK)',
    moneyPerYear: "Money per year for the committee's interventions",
    moneyOfYear: (y: number) => `The committee's interventions and their money, budget year ${y}`,
    budgetYearNote: (y: number) =>
      `The amounts are for the whole budget year ${y}: the register has amounts per year, not per tertial. An unknown amount is shown as unknown, not as 0; a sum where some amounts are unknown is partly unknown.`,
    total: 'Total',
    interventionStatuses: {
      planned: 'Planned',
      decided: 'Decided',
      running: 'Running',
      finished: 'Finished',
      stopped: 'Stopped',
    } as Record<string, string>,
    followUps: "The period's follow-ups",
    noFollowUps: 'No follow-ups in the period.',
    noInterventions: 'The committee has no interventions in the register.',
    indicator: 'Indicator',
    city: 'City',
    difference: 'Difference',
    rank: 'Rank',
    chartOf: 'Chart',
    tableTwin: "The chart's values",
    proposals: 'Proposals',
    supports: 'Supports',
    dialogue: 'Dialogue participants',
    ballots: 'Participatory budget ballots',
    population: 'Residents',
    noParticipation: "No participation recorded in the committee's areas.",
    emptyText: '(No text yet.)',
    reporter: 'Reporter',
    deadline: 'Due',
    goalArea: 'Goal area',
    commitment: 'Commitment',
    reportsIncluded: "Committees' approved reports",
    statusSummary: 'Status per goal area',
    commitments: 'Status per commitment',
    moneyByCommittee: 'Money by committee',
    moneyByDistrict: 'Money by district against need',
    amount: 'Amount (SEK)',
    residents: 'Residents',
    moneyShare: 'Share of money',
    needShare: 'Share of need',
    interventions: 'Interventions',
    assessments: "Committees' assessments",
    noReports: 'No approved reports for the period yet.',
    cityApproved: 'Approved (fastställd)',
    cityBy: 'by',
    cityPreliminary: 'Preliminary: the figures were retrieved',
    cityMissing: 'Reports not approved',
    cityNote: 'Note',
  },
} as const;

export type Words = (typeof WORDS)[DocLang];

/** A whole number from its exact integer text, grouped as the language groups: 1 234 567 (sv), 1,234,567 (en). */
export const formatWhole = (k: string, lang: DocLang): string => formatKronor(BigInt(k), lang, { unit: false });

/** A number with a fixed count of decimals, decimal comma in Swedish. */
export function formatNumber(v: number | null, decimals: number, lang: DocLang): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const s = Math.abs(v).toFixed(Math.max(0, Math.min(6, decimals)));
  const [int, frac] = s.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u00a0' : ',');
  return (v < 0 ? '−' : '') + grouped + (frac ? (lang === 'sv' ? ',' : '.') + frac : '');
}

/** The period as the screens name it: "Tertialrapport 2, 2026" / "Tertial report 2, 2026". */
export function periodName(p: { kind: 'T1' | 'T2' | 'VB'; year: number }, lang: DocLang): string {
  return `${WORDS[lang].periodKind[p.kind]}, ${p.year}`;
}

/** A moment as a date and time in Stockholm time (core/time.ts: the web app writes it the same way). */
export { formatDateTime } from '../../core/time.ts';
