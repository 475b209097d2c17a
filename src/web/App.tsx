/** The app shell: skip link, header with the main menu and language switch, the page, footer. */
import { useEffect, useRef } from 'react';
import { Link, ParamsProvider, matchPattern, useRoute, setQuery, type PageRoute } from './router.tsx';
import { useI18n } from './i18n/index.tsx';
import { ComingSoon } from './shell/ComingSoon.tsx';
import { routes as overview } from './pages/overview/index.tsx';
import { routes as areas } from './pages/areas/index.tsx';
import { routes as compare } from './pages/compare/index.tsx';
import { routes as indicators } from './pages/indicators/index.tsx';
import { routes as goals } from './pages/goals/index.tsx';
import { routes as interventions } from './pages/interventions/index.tsx';
import { routes as analysis } from './pages/analysis/index.tsx';
import { routes as participation } from './pages/participation/index.tsx';
import { routes as auth, AccountLink } from './pages/auth/index.tsx';
import { routes as imports } from './pages/imports/index.tsx';

const allRoutes: PageRoute[] = [
  ...overview,
  ...areas,
  ...compare,
  ...imports,
  ...indicators,
  ...goals,
  ...interventions,
  ...analysis,
  ...participation,
  ...auth,
];

export const NAV = [
  { id: 'overview', href: '/' },
  { id: 'areas', href: '/omraden' },
  { id: 'compare', href: '/jamfor' },
  { id: 'indicators', href: '/indikatorer' },
  { id: 'goals', href: '/mal' },
  { id: 'interventions', href: '/insatser' },
  { id: 'analysis', href: '/analys' },
  { id: 'participation', href: '/delta' },
] as const;

function resolve(path: string): { route: PageRoute | null; params: Record<string, string>; nav: string | null } {
  for (const r of allRoutes) {
    const params = matchPattern(r.pattern, path);
    if (params) return { route: r, params, nav: r.nav ?? null };
  }
  const nav = NAV.find((n) => n.href === path);
  return { route: null, params: {}, nav: nav?.id ?? null };
}

export function App() {
  const { path } = useRoute();
  const { t, lang } = useI18n();
  const { route, params, nav } = resolve(path);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

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
        <nav aria-label={t('mainNav')}>
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
        ) : nav ? (
          <ComingSoon titleKey={`nav_${nav}`} />
        ) : (
          <section>
            <h1>{t('notFound')}</h1>
            <p>{t('notFoundText')}</p>
            <Link href="/">{t('toStart')}</Link>
          </section>
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
