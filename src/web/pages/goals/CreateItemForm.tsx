/**
 * Adding a goal area (to the roadmap), a strategy (to a goal area) or a commitment (to a reform area). The new
 * item is a draft, version 1, with the decision it rests on and the source document it is cited from; after
 * saving, its page opens, where it is edited further and published. The endpoint's contract checks the form
 * before it is sent (src/web/forms.ts); the server's refusals land at the same fields.
 */
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { navigate } from '../../router.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import {
  commitmentCreateBody,
  goalAreaCreateBody,
  strategyCreateBody,
  type ChangeResult,
} from '../../../core/contracts/goals.ts';
import { FieldError, FormField, idList, invalid } from './forms.tsx';
import { itemPage, roman, type ItemKind } from './items.ts';
import { useSay } from './say.ts';

/** The source documents an item may be cited from (the files in the seeds folder). */
export const SEED_DOCUMENTS = [
  '000_7e220e8d6a405f53.txt',
  '001_082b2fdf56f4f767.txt',
  '002_bb365fe829f3e044.txt',
  '003_bcd631ecaa6cfe08.txt',
] as const;

interface Values {
  id: string;
  number: string;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  descriptionEn: string;
  text: string;
  targetIds: string;
  linkedStrategies: string;
  linkedGoalAreas: string;
  responsibleCommittee: string;
  document: string;
  section: string;
  decisionRef: string;
}

const EMPTY: Values = {
  id: '',
  number: '',
  titleSv: '',
  titleEn: '',
  descriptionSv: '',
  descriptionEn: '',
  text: '',
  targetIds: '',
  linkedStrategies: '',
  linkedGoalAreas: '',
  responsibleCommittee: '',
  document: SEED_DOCUMENTS[3],
  section: '',
  decisionRef: '',
};

const SCHEMA = { goal_area: goalAreaCreateBody, strategy: strategyCreateBody, commitment: commitmentCreateBody };
const PATH = { goal_area: '/goal-areas', strategy: '/strategies', commitment: '/commitments' };

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));
const bilingual = (sv: string, en: string) => ({ sv: sv.trim(), en: en.trim() });

/** The request body that creates the item, from the form's values. */
function bodyOf(kind: ItemKind, parentId: string, v: Values): object {
  const base = {
    id: v.id.trim(),
    title: bilingual(v.titleSv, v.titleEn),
    citation: { document: v.document, section: v.section.trim() },
  };
  const decisionRef = v.decisionRef;
  if (kind === 'goal_area') {
    const description =
      v.descriptionSv || v.descriptionEn ? { description: bilingual(v.descriptionSv, v.descriptionEn) } : {};
    return { decisionRef, item: { ...base, order: num(v.number), ...description } };
  }
  if (kind === 'strategy') {
    const n = num(v.number);
    return { decisionRef, goalAreaId: parentId, item: { ...base, number: n, numeral: roman(n ?? 0) || 'I' } };
  }
  const committee = v.responsibleCommittee.trim();
  return {
    decisionRef,
    reformAreaId: parentId,
    item: {
      ...base,
      text: v.text.trim(),
      linkedGoalAreas: idList(v.linkedGoalAreas),
      linkedStrategies: idList(v.linkedStrategies),
      targetIds: idList(v.targetIds),
      manualStatus: null,
      ...(committee ? { responsibleCommittee: committee } : {}),
    },
  };
}

/** The form field of a problem at `path` of the request body. */
const fieldOf: FieldOf<Values> = (path) => {
  const [head, key, sub] = path.map(String);
  if (head === 'decisionRef') return 'decisionRef';
  if (head !== 'item') return null;
  switch (key) {
    case 'id':
    case 'text':
    case 'targetIds':
    case 'linkedStrategies':
    case 'linkedGoalAreas':
    case 'responsibleCommittee':
      return key;
    case 'order':
    case 'number':
    case 'numeral':
      return 'number';
    case 'title':
      return sub === 'en' ? 'titleEn' : 'titleSv';
    case 'description':
      return sub === 'en' ? 'descriptionEn' : 'descriptionSv';
    case 'citation':
      return sub === 'document' ? 'document' : 'section';
    default:
      return null;
  }
};

export function CreateItemForm({
  kind,
  parentId = '',
  defaults = {},
}: {
  kind: ItemKind;
  /** the goal area of a new strategy, the reform area of a new commitment */
  parentId?: string;
  defaults?: Partial<Values>;
}): ReactNode {
  const { t } = useI18n(goalsStrings);
  const say = useSay();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: { ...EMPTY, ...defaults },
    resolver: contractResolver(SCHEMA[kind], (v: Values) => bodyOf(kind, parentId, v), fieldOf, say),
  });
  const errors = form.formState.errors;
  const p = `new-${kind}`;
  const field = (key: keyof Values, label: string, opts: { multiline?: boolean; numeric?: boolean } = {}) => (
    <FormField
      id={`${p}-${key}`}
      label={label}
      reg={form.register(key)}
      error={errors[key]?.message}
      multiline={opts.multiline}
      inputMode={opts.numeric ? 'numeric' : undefined}
    />
  );

  const submit = submitWith(
    form,
    fieldOf,
    (v) => sendJson<ChangeResult>('POST', PATH[kind], bodyOf(kind, parentId, v)),
    {
      done: (r) => navigate(itemPage(kind, r.id)),
      failed: (message) => setStatus(t('formError', { message })),
      invalid: () => setStatus(t('formInvalid')),
    },
  );

  return (
    <details className="goal-edit">
      <summary>{t(`add_${kind}`)}</summary>
      <p>{t('addIntro')}</p>
      <form onSubmit={(e) => void submit(e)} className="stacked-form" noValidate>
        {field('id', t('itemId'))}
        {kind === 'commitment' ? null : field('number', t('itemNumber'), { numeric: true })}
        {field('titleSv', t('titleSv'))}
        {field('titleEn', t('titleEn'))}
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
          {...form.register('document')}
          {...invalid(`${p}-document-error`, errors.document?.message)}
        >
          {SEED_DOCUMENTS.map((d) => (
            <option key={d} value={d}>
              {t(`docName_${d.slice(0, 3) as '000'}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${p}-document-error`} error={errors.document?.message} />
        {field('section', t('citationSection'))}
        {field('decisionRef', t('decisionRef'))}
        <FieldError id={`${p}-root-error`} error={errors.root?.message} />
        <button type="submit">{t('create')}</button>
      </form>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </details>
  );
}
