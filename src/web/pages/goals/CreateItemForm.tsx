/**
 * Adding a goal area (to the roadmap), a strategy (to a goal area) or a commitment (to a reform area). The new
 * item is a draft, version 1, with the decision it rests on and the source document it is cited from; after
 * saving, its page opens, where it is edited further and published.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { navigate } from '../../router.tsx';
import type { ChangeResult } from '../../../core/contracts/goals.ts';
import { Field, FieldError, fieldErrors, idList, invalid, type FieldErrors } from './forms.tsx';
import { itemPage, roman, type ItemKind } from './items.ts';

/** The source documents an item may be cited from (the files in the seeds folder). */
export const SEED_DOCUMENTS = [
  '000_7e220e8d6a405f53.txt',
  '001_082b2fdf56f4f767.txt',
  '002_bb365fe829f3e044.txt',
  '003_bcd631ecaa6cfe08.txt',
] as const;

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The request that creates the item, from the form's values. */
function request(kind: ItemKind, parentId: string, v: Record<string, string>): { path: string; body: object } {
  const base = {
    id: (v['id'] ?? '').trim(),
    title: { sv: v['titleSv'] ?? '', en: v['titleEn'] ?? '' },
    citation: { document: v['document'] ?? '', section: v['section'] ?? '' },
  };
  const decisionRef = v['decisionRef'] ?? '';
  if (kind === 'goal_area') {
    const description =
      v['descriptionSv'] || v['descriptionEn'] ? { sv: v['descriptionSv'] ?? '', en: v['descriptionEn'] ?? '' } : {};
    const item = {
      ...base,
      order: num(v['number'] ?? ''),
      ...(Object.keys(description).length ? { description } : {}),
    };
    return { path: '/goal-areas', body: { decisionRef, item } };
  }
  if (kind === 'strategy') {
    const n = num(v['number'] ?? '');
    return {
      path: '/strategies',
      body: { decisionRef, goalAreaId: parentId, item: { ...base, number: n, numeral: roman(n ?? 0) || 'I' } },
    };
  }
  const committee = (v['responsibleCommittee'] ?? '').trim();
  return {
    path: '/commitments',
    body: {
      decisionRef,
      reformAreaId: parentId,
      item: {
        ...base,
        text: v['text'] ?? '',
        linkedGoalAreas: idList(v['linkedGoalAreas'] ?? ''),
        linkedStrategies: idList(v['linkedStrategies'] ?? ''),
        targetIds: idList(v['targetIds'] ?? ''),
        manualStatus: null,
        ...(committee ? { responsibleCommittee: committee } : {}),
      },
    },
  };
}

export function CreateItemForm({
  kind,
  parentId = '',
  defaults = {},
}: {
  kind: ItemKind;
  /** the goal area of a new strategy, the reform area of a new commitment */
  parentId?: string;
  defaults?: Record<string, string>;
}): ReactNode {
  const { t } = useI18n(goalsStrings);
  const [v, setV] = useState<Record<string, string>>({ document: SEED_DOCUMENTS[3], ...defaults });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const p = `new-${kind}`;
  const set = (key: string) => (value: string) => setV((old) => ({ ...old, [key]: value }));
  const field = (key: string, label: string, opts: { multiline?: boolean; numeric?: boolean } = {}) => (
    <Field
      id={`${p}-${key}`}
      label={label}
      value={v[key] ?? ''}
      onChange={set(key)}
      error={errors[key === 'number' && kind === 'goal_area' ? 'order' : key]}
      multiline={opts.multiline}
      inputMode={opts.numeric ? 'numeric' : undefined}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { path, body } = request(kind, parentId, v);
    try {
      const r = await sendJson<ChangeResult>('POST', path, body);
      setErrors({});
      navigate(itemPage(kind, r.id));
    } catch (err) {
      const { fields, message } = fieldErrors(err);
      setErrors(fields);
      setStatus(t('formError', { message }));
    }
  };

  return (
    <details className="goal-edit">
      <summary>{t(`add_${kind}`)}</summary>
      <p>{t('addIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        {field('id', t('itemId'))}
        {kind === 'commitment' ? null : field('number', t('itemNumber'), { numeric: true })}
        {field('titleSv', t('titleSv'))}
        {field('titleEn', t('titleEn'))}
        <FieldError id={`${p}-title-error`} error={errors['title']} />
        {kind === 'goal_area' ? (
          <>
            {field('descriptionSv', t('descriptionSv'), { multiline: true })}
            {field('descriptionEn', t('descriptionEn'), { multiline: true })}
          </>
        ) : null}
        {kind === 'commitment' ? (
          <>
            {field('text', t('commitmentText'), { multiline: true })}
            {field('targetIds', t('targetIds'))}
            {field('linkedStrategies', t('linkedStrategies'))}
            {field('linkedGoalAreas', t('linkedGoalAreas'))}
            {field('responsibleCommittee', t('responsibleCommittee'))}
          </>
        ) : null}
        <label htmlFor={`${p}-document`}>{t('citationDocument')}</label>
        <select
          id={`${p}-document`}
          value={v['document']}
          onChange={(e) => set('document')(e.target.value)}
          {...invalid(`${p}-citation-error`, errors['citation'])}
        >
          {SEED_DOCUMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`docName_${d.slice(0, 3) as '000'}`)}
            </option>
          ))}
        </select>
        {field('section', t('citationSection'))}
        <FieldError id={`${p}-citation-error`} error={errors['citation']} />
        {field('decisionRef', t('decisionRef'))}
        <FieldError id={`${p}-goalAreaId-error`} error={errors['goalAreaId'] ?? errors['reformAreaId']} />
        <button type="submit">{t('create')}</button>
      </form>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </details>
  );
}
