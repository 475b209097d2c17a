/**
 * Language (sv first, en too) and texts. The language is kept in the URL (?lang=en) so a shared link
 * opens in the same language, and remembered in localStorage.
 * Pages use `const { t, lang } = useI18n(myStrings)` with a { sv, en } dictionary of their own.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { core } from './core.ts';
import { useRoute } from '../router.tsx';

export type Lang = 'sv' | 'en';
export type Dict = Record<string, string>;

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

/** Texts for the current language: the feature's dictionary over the shell's. Unknown keys show as the key. */
export function useI18n<S extends { sv: Dict; en: Dict }>(strings?: S) {
  const lang = useLang();
  return useMemo(() => {
    const d: Dict = { ...core[lang], ...(strings ? strings[lang] : {}) };
    const t = (key: keyof S['sv'] | keyof (typeof core)['sv'], vars?: Record<string, string | number>): string => {
      let s = d[key as string] ?? String(key);
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    };
    return { t, lang };
  }, [lang, strings]);
}
