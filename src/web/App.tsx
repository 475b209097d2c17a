/** The app shell: skip link, header with the main menu and language switch, the page, footer. */
import { useEffect, useRef, useState } from 'react';
import { Link, ParamsProvider, matchPattern, useRoute, setQuery, type PageRoute } from './router.tsx';
import { useI18n } from './i18n/index.tsx';
import { ComingSoon } from './shell/ComingSoon.tsx';
import { Loading, NotFound } from './shell/Status.tsx';
import { AccountLink } from './pages/auth/AccountLink.tsx';

type FeatureModule = { routes: PageRoute[] };

/**
 * The features, each loaded on first use (route-level code splitting: a page downloads only its own feature's
 * code). `paths` are the first path segments a feature answers ('' is the start page); several features may
 * share one (e.g. 'admin'): they are tried in order.
 */
const FEATURES: { paths: string[]; load: () => Promise<FeatureModule> }[] = [
  { paths: [''], load: () => import('./pages/overview/index.tsx') },
  { paths: ['omraden'], load: () => import('./pages/areas/index.tsx') },
  { paths: ['jamfor'], load: () => import('./pages/compare/index.tsx') },
  { paths: ['indikatorer'], load: () => import('./pages/imports/index.tsx') }, // /indikatorer/import before /indikatorer/:id
  { paths: ['indikatorer'], load: () => import('./pages/indicators/index.tsx') },
  { paths: ['mal'], load: () => import('./pages/goals/index.tsx') },
  { paths: ['insatser'], load: () => import('./pages/interventions/index.tsx') },
  { paths: ['analys'], load: () => import('./pages/analysis/index.tsx') },
  { paths: ['delta'], load: () => import('./pages/participation/index.tsx') },
  { paths: ['rapporter'], load: () => import('./pages/reports/index.tsx') },
  { paths: ['logga-in', 'konto', 'admin'], load: () => import('./pages/auth/index.tsx') },
  { paths: ['admin'], load: () => import('./pages/committees/index.tsx') },
];

const loaded = new Map<number, FeatureModule>();
const loading = new Map<number, Promise<FeatureModule>>();

function candidates(path: string): number[] {
  const first = path.split('/').filter(Boolean)[0] ?? '';
  return FEATURES.flatMap((f, i) => (f.paths.includes(first) ? [i] : []));
}

function resolveLoaded(path: string): { route: PageRoute; params: Record<string, string> } | null {
  for (const i of candidates(path)) {
    const mod = loaded.get(i);
    if (!mod) return null;
    for (const r of mod.routes) {
      const params = matchPattern(r.pattern, path);
      if (params) return { route: r, params };
    }
  }
  return null;
}

/** Loads the features that may answer `path`; true once all of them are there. */
function useFeatures(path: string): boolean {
  const wanted = candidates(path);
  const ready = wanted.every((i) => loaded.has(i));
  const [, rerender] = useState(0);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void Promise.all(
      wanted.map((i) => {
        let p = loading.get(i);
        if (!p) {
          p = FEATURES[i]!.load().then((m) => {
            loaded.set(i, m);
            return m;
          });
          loading.set(i, p);
        }
        return p;
      }),
    ).then(() => live && rerender((n) => n + 1));
    return () => {
      live = false;
    };
  });
  return ready;
}

export const NAV = [
  { id: 'overview', href: '/' },
  { id: 'areas', href: '/omraden' },
  { id: 'compare', href: '/jamfor' },
  { id: 'indicators', href: '/indikatorer' },
  { id: 'goals', href: '/mal' },
  { id: 'interventions', href: '/insatser' },
  { id: 'analysis', href: '/analys' },
  { id: 'participation', href: '/delta' },
  { id: 'reports', href: '/rapporter' },
] as const;

function resolve(path: string): { route: PageRoute | null; params: Record<string, string>; nav: string | null } {
  const hit = resolveLoaded(path);
  if (hit) return { ...hit, nav: hit.route.nav ?? null };
  const first = `/${path.split('/').filter(Boolean)[0] ?? ''}`;
  const nav = NAV.find((n) => n.href === first);
  return { route: null, params: {}, nav: nav?.id ?? null };
}

export function App() {
  const { path } = useRoute();
  const { t, lang } = useI18n();
  const ready = useFeatures(path);
  const { route, params, nav } = resolve(path);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // On a phone the menu is behind a button; it closes again when a page is chosen.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);

  // Move focus to the new page's content after client-side navigation (not on first load).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  useEffect(() => {
    const h1 = main.current?.querySelector('h1')?.textContent;
    document.title = h1 ? `${h1} – Färdplan` : 'Färdplan';
  });

  const Page = route?.component;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link href="/" className="brand-name">
            {t('appName')}
          </Link>
          <span className="tagline">{t('tagline')}</span>
        </div>
        <AccountLink />
        <button
          type="button"
          className="lang-switch"
          lang={lang === 'sv' ? 'en' : 'sv'}
          onClick={() => setQuery({ lang: lang === 'sv' ? 'en' : null }, { push: true })}
        >
          {t('switchTo')}
        </button>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          {t('menu')}
        </button>
        <nav aria-label={t('mainNav')} id="main-menu" className={menuOpen ? 'open' : undefined}>
          <ul>
            {NAV.map((n) => (
              <li key={n.id}>
                <Link href={n.href} aria-current={nav === n.id ? 'page' : undefined}>
                  {t(`nav_${n.id}` as 'nav_overview')}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {Page ? (
          <ParamsProvider params={params}>
            <Page />
          </ParamsProvider>
        ) : !ready ? (
          <Loading />
        ) : nav && NAV.some((n) => n.href === path) ? (
          <ComingSoon titleKey={`nav_${nav}`} />
        ) : (
          <NotFound />
        )}
      </main>
      <footer className="site-footer">
        <p>{t('footer')}</p>
        <p>
          <a href="/api/v1/openapi.json">{t('apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
