/**
 * The generated sections of a report on screen: the same content the documents print. The committee's
 * assessment of a target is checked in the browser with the endpoint's contract (AssessmentBody) before it is
 * sent; a refusal by the server is said in the form's alert and marks the field it names.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { LineChart } from '../../components/LineChart.tsx';
import { formatNumber } from '../../components/format.ts';
import { figureDecimals } from '../../../core/reports/figures.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { AssessmentBody, type Report } from '../../../core/contracts/reports.ts';
import { describedBy as described, FieldProblem } from '../../components/FieldProblem.tsx';
import { errorText, reportSay, statusKey, useReportI18n, type T } from './common.tsx';
import { reportAmounts } from '../../../core/reports/money.ts';
import { useI18n } from '../../i18n/index.tsx';
import { interventionsStrings } from '../../i18n/interventions.ts';

type Content = NonNullable<Report['sections'][number]['content']>;
type Of<G extends Content['generator']> = Extract<Content, { generator: G }>['data'];
const STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'not_measurable'] as const;

function Note({ t, note }: { t: T; note: { source: string; period: string } }) {
  return <p className="source-note">{t('source', { source: note.source || '–', period: note.period || '–' })}</p>;
}

interface AssessmentValues {
  /** '' until a status is chosen (refused by the contract): nothing is preselected */
  status: (typeof STATUSES)[number] | '';
  text: string;
}
const assessmentField: FieldOf<AssessmentValues> = (path) =>
  path[0] === 'status' || path[0] === 'text' ? path[0] : null;

function AssessmentForm(props: {
  reportId: string;
  targetId: string;
  current: Of<'targets'>['items'][number]['assessment'];
  onSaved: (msg: string) => void;
}) {
  const { t } = useReportI18n();
  const id = `as-${props.targetId}`;
  const alertId = `${id}-alert`;
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<AssessmentValues>({
    defaultValues: { status: props.current?.status ?? '', text: props.current?.text ?? '' },
    resolver: contractResolver(AssessmentBody, (v: AssessmentValues) => v, assessmentField, reportSay(t)),
  });
  const errors = form.formState.errors;
  const save = submitWith(
    form,
    assessmentField,
    (v) =>
      sendJson(
        'PUT',
        `/reports/${encodeURIComponent(props.reportId)}/assessments/${encodeURIComponent(props.targetId)}`,
        v,
      ),
    {
      done: () => {
        setProblem(null);
        props.onSaved(t('saved'));
      },
      failed: (_m, err) => setProblem(errorText(t, err)),
      invalid: () => {
        setProblem(null);
        props.onSaved(t('formHasErrors'));
      },
    },
  );
  return (
    <form
      className="report-form"
      onSubmit={(e) => void save(e)}
      aria-label={`${t('assessment')}: ${props.targetId}`}
      noValidate
    >
      <label htmlFor={`${id}-s`}>{t('status')}</label>
      <select id={`${id}-s`} required {...form.register('status')} {...described(`${id}-s`, errors.status, alertId)}>
        <option value="">{t('statusChoose')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(statusKey(s))}
          </option>
        ))}
      </select>
      <FieldProblem id={`${id}-s`} error={errors.status} />
      <label htmlFor={`${id}-t`}>{t('assessmentText')}</label>
      <textarea id={`${id}-t`} {...form.register('text')} {...described(`${id}-t`, errors.text, alertId)} />
      <FieldProblem id={`${id}-t`} error={errors.text} />
      {problem && (
        <p id={alertId} role="alert" className="notice">
          {problem}
        </p>
      )}
      <button type="submit">{t('assess')}</button>
    </form>
  );
}

function Targets({
  data,
  report,
  editable,
  reload,
}: {
  data: Of<'targets'>;
  report: Report;
  editable: boolean;
  reload: (msg: string) => void;
}) {
  const { t, lang } = useReportI18n();
  return (
    <>
      {data.items.map((i) => (
        <div key={i.id} className="report-target">
          <h4>{i.title[lang]}</h4>
          <dl>
            <dt>{t('computed')}</dt>
            <dd>
              {t(statusKey(i.status))} – {i.reason[lang]}
            </dd>
            <dt>{t('latest')}</dt>
            <dd>
              {i.latest
                ? `${formatNumber(i.latest.value, lang, figureDecimals(i.latest.value, i.decimals))} ${i.unit[lang]} (${i.latest.year})`
                : '–'}
            </dd>
            <dt>{t('assessment')}</dt>
            <dd>
              {i.assessment ? `${t(statusKey(i.assessment.status))}: ${i.assessment.text}` : t('status_not_measurable')}
            </dd>
          </dl>
          {i.areaValues.length > 0 && (
            <table tabIndex={0}>
              <caption>
                {t('areaValues')} ({i.areaUnit ?? i.unit[lang]})
              </caption>
              <tbody>
                {i.areaValues.map((a) => (
                  <tr key={a.key}>
                    <th scope="row">{a.name}</th>
                    <td>{a.period}</td>
                    <td className="num">{formatNumber(a.value, lang, figureDecimals(a.value, i.decimals))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Note t={t} note={i.note} />
          {editable && <AssessmentForm reportId={report.id} targetId={i.id} current={i.assessment} onSaved={reload} />}
        </div>
      ))}
    </>
  );
}

/** The same rows as the documents: each intervention's money in the report's budget year, and the total. */
function Interventions({ data }: { data: Of<'interventions'> }) {
  const { t, lang } = useReportI18n();
  const iv = useI18n(interventionsStrings).t;
  if (!data.items.length) return <p>{t('nothing')}</p>;
  const cells = (m: Of<'interventions'>['total']) =>
    reportAmounts(m, lang).map((text, k) => (
      <td key={k} className="num">
        {text}
      </td>
    ));
  return (
    <>
      <table tabIndex={0} className="report-money">
        <caption>{t('moneyOfYear', { year: String(data.year) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('intervention')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('planned')}</th>
            <th scope="col">{t('decided')}</th>
            <th scope="col">{t('spent')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.id}>
              <th scope="row">{i.name}</th>
              <td>{iv(`status_${i.status}` as 'status_running')}</td>
              {cells(i.money)}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('total')}</th>
            <td></td>
            {cells(data.total)}
          </tr>
        </tbody>
      </table>
      <p className="source-note">
        {t('source', { source: data.note.source || '–', period: data.note.period || '–' })}{' '}
        {t('budgetYearNote', { year: String(data.year) })}
      </p>
      {data.items
        .filter((i) => i.followUps.length > 0)
        .map((i) => (
          <ul key={i.id} aria-label={`${t('followUps')}: ${i.name}`}>
            {i.followUps.map((f, k) => (
              <li key={k}>
                {i.name}, {f.period}: {f.text}
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}

// The tables in this file are focusable (tabIndex 0): on a phone a wide table scrolls inside itself, and keyboard users must
// reach it to scroll (WCAG 2.1.1; the phone test's axe check).
function Areas({ data }: { data: Of<'areas'> }) {
  const { t, lang } = useReportI18n();
  if (!data.area) return <p>{t('nothing')}</p>;
  const area = data.area;
  return (
    <>
      <table tabIndex={0}>
        <caption>
          {area.name} – {t('city')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('period')}</th>
            <th scope="col">{area.name}</th>
            <th scope="col">{t('city')}</th>
            <th scope="col">{t('difference')}</th>
            <th scope="col">{t('rank')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.indicatorId}>
              <th scope="row">
                {i.name[lang]} ({i.unit})
              </th>
              <td>{i.period}</td>
              <td className="num">{formatNumber(i.value, lang, i.decimals)}</td>
              <td className="num">{formatNumber(i.cityValue, lang, i.decimals)}</td>
              <td className="num">{formatNumber(i.difference, lang, i.decimals)}</td>
              <td className="num">{i.rank === null ? '–' : `${i.rank}/${i.rankedCount ?? '–'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.items.map((i) => (
        <figure key={i.indicatorId}>
          <LineChart
            title={`${i.name[lang]} (${i.unit})`}
            lang={lang}
            unit={i.unit}
            decimals={i.decimals}
            width={480}
            height={200}
            data={i.trend.map((p) => ({ series: area.name, period: p.period, value: p.value }))}
            reference={i.trend.map((p) => ({ series: data.city, period: p.period, value: p.city }))}
          />
          <Note t={t} note={i.note} />
        </figure>
      ))}
    </>
  );
}

function Participation({ data }: { data: Of<'participation'> }) {
  const { t } = useReportI18n();
  if (!data.items.length) return <p>{t('nothing')}</p>;
  return (
    <>
      <table tabIndex={0}>
        <caption>{t('section_participation')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicator')}</th>
            <th scope="col">{t('proposals')}</th>
            <th scope="col">{t('supports')}</th>
            <th scope="col">{t('dialogue')}</th>
            <th scope="col">{t('ballots')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={i.area}>
              <th scope="row">{i.areaName}</th>
              <td className="num">{i.proposals}</td>
              <td className="num">{i.supports}</td>
              <td className="num">{i.dialogueParticipants}</td>
              <td className="num">{i.ballots}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Note t={t} note={data.note} />
    </>
  );
}

export function GeneratedSection(props: {
  content: Content;
  report: Report;
  editable: boolean;
  reload: (msg: string) => void;
}) {
  const c = props.content;
  switch (c.generator) {
    case 'targets':
      return <Targets data={c.data} report={props.report} editable={props.editable} reload={props.reload} />;
    case 'interventions':
      return <Interventions data={c.data} />;
    case 'areas':
      return <Areas data={c.data} />;
    case 'participation':
      return <Participation data={c.data} />;
  }
}
