/** What the participation screens share: texts, money, notices, links that keep the language, error texts. */
import type { ReactNode } from 'react';
import { ApiError, useApi, type ApiState } from '../../api.ts';
import { Link } from '../../router.tsx';
import { Loading } from '../../shell/Status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { participationStrings } from '../../i18n/participation.ts';
import { formatKronor } from '../../../core/money.ts';
import type { z } from 'zod';
import type { areasResponse } from '../../../core/contracts/areas.ts';

export const useT = () => useI18n(participationStrings);
export type T = ReturnType<typeof useT>['t'];
type Key = Parameters<T>[0];

/** The division whose areas residents choose from. */
export const PROPOSAL_DIVISION = 'stadsdelsomrade-2023';

export function kr(value: string, lang: 'sv' | 'en'): string {
  return formatKronor(BigInt(value), lang);
}

export function Notice({ children, kind = 'status' }: { children: ReactNode; kind?: 'status' | 'alert' }) {
  return (
    <div role={kind} className={kind === 'alert' ? 'error' : 'notice'}>
      {children}
    </div>
  );
}

export function PublishedNote({ t }: { t: T }) {
  return (
    <aside className="notice" aria-labelledby="pt-published">
      <h2 id="pt-published">{t('published')}</h2>
      <p>{t('publishedText')}</p>
    </aside>
  );
}

export function withLang(href: string, lang: 'sv' | 'en'): string {
  return lang === 'en' ? `${href}${href.includes('?') ? '&' : '?'}lang=en` : href;
}

const known = (key: string): key is Key & string => key in participationStrings.sv;

/**
 * The text of an error in the page's language: the server's stable reason (`details[0].code`, with its
 * parameters) when the app knows it, else the error id (not_found, forbidden, …). The server's own
 * message is never shown.
 */
export function errorText(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('err_network');
  const first = Array.isArray(err.details)
    ? (err.details[0] as { code?: unknown; params?: Record<string, string | number> } | undefined)
    : undefined;
  const reason = typeof first?.code === 'string' ? `err_${first.code}` : '';
  if (reason && known(reason)) return t(reason, first?.params);
  const byId = `errid_${err.id}`;
  return known(byId) ? t(byId) : t('errid_internal');
}

/** Phase and rule labels (the ids are never shown raw). */
export const phaseLabel = (t: T, phase: string): string => {
  const k = `phase_${phase}`;
  return known(k) ? t(k) : phase;
};
export const ruleName = (t: T, rule: string): string => {
  const k = `ruleName_${rule}`;
  return known(k) ? t(k) : rule;
};

/** The proposals this browser has supported (so the button can say so after a reload). */
const SUPPORTED = 'fardplan-supported';
export function supportedHere(id: string): boolean {
  try {
    return (JSON.parse(window.localStorage.getItem(SUPPORTED) ?? '[]') as string[]).includes(id);
  } catch {
    return false;
  }
}
export function rememberSupported(id: string): void {
  try {
    const list = JSON.parse(window.localStorage.getItem(SUPPORTED) ?? '[]') as string[];
    if (!list.includes(id)) window.localStorage.setItem(SUPPORTED, JSON.stringify([...list, id]));
  } catch {
    // storage unavailable: the page still shows it until reloaded
  }
}

/**
 * Like the shell's WithData, but an error is told in the page's language (never the server's message),
 * and a missing item gets a heading and a way back.
 */
export function PtData<D>({ state, children }: { state: ApiState<D>; children: (data: D) => ReactNode }) {
  const { t, lang } = useT();
  if (state.error) {
    const text = errorText(state.error, t);
    if (state.error instanceof ApiError && state.error.status === 404)
      return (
        <div role="alert" data-testid="pt-not-found">
          <h1>{t('notFoundTitle')}</h1>
          <p>{text}</p>
          <p>
            <Link href={withLang('/delta', lang)}>{t('back')}</Link>
          </p>
        </div>
      );
    return (
      <div role="alert" className="error">
        <p>{text}</p>
        <button type="button" onClick={state.reload}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (state.loading || state.data === null) return <Loading />;
  return <>{children(state.data)}</>;
}

/** A random key this browser keeps (for areas where the city chose unverified browser supports). */
export function supporterKey(): string {
  const name = 'fardplan-supporter-key';
  let key = window.localStorage.getItem(name);
  if (!key) {
    const bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    window.localStorage.setItem(name, key);
  }
  return key;
}

/** The API path of a project of a budgeting process (PUT saves it). */
export const projectPath = (processId: string, projectId: string): string =>
  `/participation/processes/${encodeURIComponent(processId)}/projects/${encodeURIComponent(projectId)}`;

/** An area a proposal, dialogue or process can be about: a stadsdel (PROPOSAL_DIVISION), as GET /areas lists it. */
export type ProposalArea = Extract<z.infer<typeof areasResponse>, { areas: unknown }>['areas'][number];

/** The areas a proposal, dialogue or process can be about. */
export function useProposalAreas(): ApiState<{ areas: ProposalArea[] }> {
  return useApi<{ areas: ProposalArea[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
}

/** The options of an area select: first the empty choice (`empty`), then each area by name. */
export function AreaOptions({
  areas,
  empty,
}: {
  areas: readonly ProposalArea[] | undefined;
  empty: string;
}): ReactNode {
  return (
    <>
      <option value="">{empty}</option>
      {(areas ?? []).map((a) => (
        <option key={a.code} value={a.code}>
          {a.name}
        </option>
      ))}
    </>
  );
}
