// The shell: skip link, nav, the page the hash names. Rendered before any data arrives.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi } from './components/use-api.js';
import { ExplainPage } from './pages/explain.js';
import { HealthPage } from './pages/health.js';
import { OpenModelsPage } from './pages/open-models.js';
import { RoutesPage } from './pages/routes.js';
import { SpendPage } from './pages/spend.js';
import { hashOf, PAGES, type PageId, pageFromHash } from './router.js';
import { TESTIDS } from './testids.js';
import type { LabMeta } from './types.js';

const PAGE_VIEWS: Readonly<Record<PageId, () => JSX.Element>> = {
  routes: RoutesPage,
  explain: ExplainPage,
  health: HealthPage,
  spend: SpendPage,
  'open-models': OpenModelsPage,
};

/** The lab app. */
export function App() {
  const [page, setPage] = useState<PageId>(() => pageFromHash(location.hash));
  const [meta, loadMeta] = useApi<LabMeta>('meta');
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // In-page anchors (the skip link's `#main`) are not pages: only `#/...` changes the page.
    const onHash = () => {
      if (location.hash.startsWith('#/') || location.hash === '') setPage(pageFromHash(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    void loadMeta();
    return () => window.removeEventListener('hashchange', onHash);
  }, [loadMeta]);

  useEffect(() => {
    const label = PAGES.find((item) => item.id === page)?.label ?? '';
    document.title = `${label} · CodeWhale Model Lab`;
    // After a nav click, move focus to the new page so keyboard and screen-reader users land on it.
    if (!first.current) main.current?.focus();
    first.current = false;
  }, [page]);

  const View = PAGE_VIEWS[page];
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">
          CodeWhale <span>Model Lab</span>
        </p>
        <nav aria-label="Pages" data-testid={TESTIDS.nav}>
          <ul>
            {PAGES.map((item) => (
              <li key={item.id}>
                <a href={hashOf(item.id)} aria-current={item.id === page ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="version muted" data-testid={TESTIDS.version}>
          {meta.status === 'ok' ? `codewhale-route ${meta.data.version}` : ''}
          {meta.status === 'error' ? meta.error.message : ''}
        </p>
      </header>
      <main id="main" tabIndex={-1} ref={main} data-testid={TESTIDS.main} data-page={page}>
        <View key={page} />
      </main>
      <footer class="muted">
        Local and private: this page talks only to the lab server on this machine, which contacts runtimes or the Hub
        only when a button says so.
      </footer>
    </>
  );
}
