/**
 * Language (sv first, en too) and texts. The language is kept in the URL (?lang=en) so a shared link
 * opens in the same language. Pages use `const { t, lang } = useI18n(myStrings)` with a { sv, en }
 * dictionary of their own. Texts are ICU messages (FormatJS' intl-messageformat): `{name}` inserts a value,
 * `{n, plural, one {# träff} other {# träffar}}` picks the plural form of the language.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { core } from './core.ts';
import { errorTexts } from './errors.ts';
import { useRoute } from '../router.tsx';

export type Lang = 'sv' | 'en';
export type Dict = Record<string, string>;
export type Vars = Record<string, string | number>;

const LangContext = createContext<Lang>('sv');

export function LangProvider({ children }: { children: ReactNode }) {
  const { query } = useRoute();
  const lang: Lang = query.get('lang') === 'en' ? 'en' : 'sv';
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext);
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats one ICU message in `lang` (compiled once). A malformed message falls back to plain substitution. */
export function formatMessage(message: string, lang: Lang, vars?: Vars): string {
  if (!message.includes('{')) return message;
  const key = `${lang}\u0000${message}`;
  try {
    let f = compiled.get(key);
    if (!f) {
      f = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true });
      compiled.set(key, f);
    }
    return String(f.format(vars ?? {}));
  } catch {
    let s = message;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  }
}

/** Texts for the current language: the feature's dictionary over the shell's. Unknown keys show as the key. */
export function useI18n<S extends { sv: Dict; en: Dict }>(strings?: S) {
  const lang = useLang();
  return useMemo(() => {
    const d: Dict = { ...core[lang], ...(strings ? strings[lang] : {}) };
    const t = (key: keyof S['sv'] | keyof (typeof core)['sv'], vars?: Vars): string =>
      formatMessage(d[key as string] ?? String(key), lang, vars);
    return { t, lang };
  }, [lang, strings]);
}

/** The shape of an error from the API (src/web/api.ts ApiError), or any other error. */
export interface ErrorLike {
  message: string;
  id?: string;
  code?: string;
  params?: Vars;
}

/** An error in the user's language: its message code, else its stable id; never the server's English text. */
export function errorText(error: ErrorLike, lang: Lang): string {
  const dict: Dict = errorTexts[lang];
  const text = (error.code && dict[error.code]) || (error.id && dict[error.id]) || dict.internal!;
  return formatMessage(text, lang, error.params);
}
