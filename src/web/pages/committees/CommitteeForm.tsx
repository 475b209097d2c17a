/**
 * Add or change a committee (administrators). The values become the request body, which the endpoint's
 * contract checks in the browser first (ids, dates, areas); the server's refusals (a taken id, an unknown
 * area, validity in the wrong order) are shown at their fields too.
 */
import { useId, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { committeesStrings } from '../../i18n/committees.ts';
import { contractResolver, submitWith, type FieldOf, type Say } from '../../forms.ts';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../../core/committees/schema.ts';
import {
  committeeCreateBody,
  committeePatchBody,
  type Committee,
  type CommitteeCreate,
} from '../../../core/contracts/committees.ts';

interface Values {
  id: string;
  name: string;
  nameEn: string;
  kind: CommitteeKind;
  validFrom: string;
  validTo: string;
  areas: string;
}

const FIELDS = ['id', 'name', 'nameEn', 'kind', 'validFrom', 'validTo', 'areas'] as const;

/** The form field of a problem at `path` of the body. */
const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] ?? '');
  return (FIELDS as readonly string[]).includes(head) ? (head as keyof Values) : null;
};

/** One area per line, `division:code`; a line without ':' becomes an area the contract refuses at `areas`. */
function areasOf(text: string): { division: string; code: string }[] {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((k) => {
      const i = k.indexOf(':');
      return i < 0 ? { division: '', code: k } : { division: k.slice(0, i), code: k.slice(i + 1) };
    });
}

/** The request body: the whole committee to add, or its fields to change. */
function bodyOf(existing: Committee | null, v: Values): Omit<CommitteeCreate, 'id' | 'note'> & { id?: string } {
  const body = {
    name: v.name,
    nameEn: v.nameEn,
    kind: v.kind,
    validFrom: v.validFrom || null,
    validTo: v.validTo || null,
    areas: areasOf(v.areas),
  };
  return existing ? body : { id: v.id, ...body };
}

function useSay(): Say {
  const { t } = useI18n(committeesStrings);
  return (issue) => {
    switch (String(issue.path[0] ?? '')) {
      case 'id':
        return t('errId');
      case 'name':
        return t('errName');
      case 'validFrom':
      case 'validTo':
        return t('errDate');
      case 'areas':
        return t('errAreas');
      default:
        return issue.message;
    }
  };
}

export function CommitteeForm({
  existing,
  onDone,
}: {
  existing: Committee | null;
  onDone: (message: string) => void;
}): ReactNode {
  const { t } = useI18n(committeesStrings);
  const say = useSay();
  const uid = useId();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<Values>({
    defaultValues: {
      id: existing?.id ?? '',
      name: existing?.name ?? '',
      nameEn: existing?.nameEn ?? '',
      kind: existing?.kind ?? 'facknamnd',
      validFrom: existing?.validFrom ?? '',
      validTo: existing?.validTo ?? '',
      areas: (existing?.areas ?? []).map((a) => `${a.division}:${a.code}`).join('\n'),
    },
    resolver: contractResolver(
      existing ? committeePatchBody : committeeCreateBody,
      (v: Values) => bodyOf(existing, v),
      fieldOf,
      say,
    ),
  });
  const errors = form.formState.errors;
  const fid = (f: keyof Values) => `${uid}-${f}`;
  const described = (f: keyof Values) =>
    errors[f] ? ({ 'aria-invalid': true, 'aria-describedby': `${fid(f)}-error` } as const) : {};
  const err = (f: keyof Values) =>
    errors[f] ? (
      <p id={`${fid(f)}-error`} className="iv-field-error">
        {errors[f]?.message}
      </p>
    ) : null;

  const submit = submitWith(
    form,
    fieldOf,
    (v) =>
      existing
        ? sendJson('PATCH', `/committees/${encodeURIComponent(existing.id)}`, bodyOf(existing, v))
        : sendJson('POST', '/committees', bodyOf(existing, v)),
    {
      done: () => {
        setGeneral(null);
        const name = form.getValues('name');
        onDone(existing ? t('saved', { name }) : t('added', { name }));
      },
      failed: (message) => {
        // a refusal that names a field is shown there (and focused); one that names none, above the form
        const first = FIELDS.find((f) => form.getFieldState(f).error);
        setGeneral(first ? null : message);
        if (first) form.setFocus(first);
      },
      invalid: () => setGeneral(null),
    },
  );

  const input = (f: 'id' | 'name' | 'nameEn' | 'validFrom' | 'validTo', type = 'text') => (
    <div className="iv-form-field">
      <label htmlFor={fid(f)}>{t(f)}</label>
      <input id={fid(f)} type={type} {...form.register(f)} {...described(f)} />
      {err(f)}
    </div>
  );

  return (
    <form className="iv-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{existing ? `${t('edit')}: ${existing.name}` : t('add')}</h3>
      {general ? (
        <div role="alert" className="error">
          <p>{general}</p>
        </div>
      ) : null}
      {existing ? null : input('id')}
      {input('name')}
      {input('nameEn')}
      <div className="iv-form-field">
        <label htmlFor={fid('kind')}>{t('kind')}</label>
        <select id={fid('kind')} {...form.register('kind')} {...described('kind')}>
          {COMMITTEE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
        {err('kind')}
      </div>
      {input('validFrom', 'date')}
      {input('validTo', 'date')}
      <div className="iv-form-field">
        <label htmlFor={fid('areas')}>{t('areas')}</label>
        <p id={`${fid('areas')}-hint`} className="iv-detail">
          {t('areasHint')}
        </p>
        <textarea id={fid('areas')} rows={3} {...form.register('areas')} {...described('areas')} />
        {err('areas')}
      </div>
      <button type="submit" disabled={form.formState.isSubmitting}>
        {existing ? t('save') : t('add')}
      </button>
    </form>
  );
}
