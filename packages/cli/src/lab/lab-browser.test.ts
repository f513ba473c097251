/// <reference lib="dom" />
// (The DOM types are for the functions that run in the page: page.evaluate, $$eval.)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteReceipt } from '@codewhale/node';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, type LaunchedBrowser, launchChromium, NO_CHROMIUM_REASON } from '../test-utils/browser.js';
import { closeReplays, createSandbox, fixture, json, replay, type Sandbox } from '../test-utils/cli-harness.js';
import { type LabChild, startLabChild } from '../test-utils/lab-client.js';
import { HUB_REPOS, type HubStub, LAB_SESSION, startHubStub, writeLabLedger } from '../test-utils/lab-world.js';
import { HTTP_STATUS } from './http-status.js';

// @see issue 20: the Model Lab in a real (headless) Chromium against the BUILT binary. Each page shows what the CLI's
// own --json says for the same question; the page talks only to the lab's origin, logs no error, keeps every credential
// out of what it shows, works from the keyboard and follows the dark colour scheme. Screenshots land in .artifacts/lab/.

/**
 * The test ids these tests read, as lab-ui/src/testids.ts names them (that file is outside this package's rootDir;
 * the first test checks that each one is still there).
 */
const TESTIDS = {
  nav: 'lab-nav',
  main: 'lab-main',
  version: 'lab-version',
  offeringRow: 'offering-row',
  compareTable: 'compare-table',
  compareRow: 'compare-row',
  explainForm: 'explain-form',
  explainRoute: 'explain-route',
  explainEndpoint: 'explain-endpoint',
  explainAuth: 'explain-auth',
  explainLimit: 'explain-limit',
  explainAlternative: 'explain-alternative',
  healthCheck: 'health-check',
  healthTable: 'health-table',
  healthRow: 'health-row',
  healthSkippedRow: 'health-skipped-row',
  healthCheckedAt: 'health-checked-at',
  spendTotalCost: 'spend-total-cost',
  spendTotalRequests: 'spend-total-requests',
  spendUnknownCount: 'spend-unknown-count',
  spendChart: 'spend-chart',
  spendTable: 'spend-table',
  spendRow: 'spend-row',
  hubForm: 'hub-form',
  hubRow: 'hub-row',
  passport: 'passport',
  passportLicence: 'passport-licence',
  passportRoute: 'passport-route',
} as const;

const CHROMIUM = findChromium();
const ARTIFACTS = fileURLToPath(new URL('../../.artifacts/lab/', import.meta.url));
const CANARIES = {
  together: 'sk-canary-together-lab-5d1e9b2c70',
  deepseek: 'sk-canary-deepseek-lab-a83f6c0e14',
  hf: 'hf_canary_lab_7e2b94d01c',
};
const SLOW = 120_000;

/** `[data-testid="…"]`. */
const tid = (id: string): string => `[data-testid="${id}"]`;

/** A console message or page error the page produced. */
interface Logged {
  readonly type: string;
  readonly text: string;
}

(CHROMIUM === undefined ? describe.skip : describe)(
  `the lab in Chromium${CHROMIUM ? '' : `: ${NO_CHROMIUM_REASON}`}`,
  () => {
    // Made in beforeAll, so a skipped run leaves no folder behind.
    let sandbox: Sandbox;
    let stateDir: string;
    let env: Record<string, string>;
    let receipts: RouteReceipt[];
    let hub: HubStub;
    let lab: LabChild;
    let launched: LaunchedBrowser;
    let page: Page;
    const requests: string[] = [];
    const logged: Logged[] = [];
    /** Every response body the page received from the lab (API JSON, HTML, assets), for the canary check. */
    const bodies: { url: string; text: string }[] = [];
    const pending: Promise<void>[] = [];
    /** Addresses whose body could not be read. */
    const unread: string[] = [];
    /** The page's HTML at each screenshot. */
    const contents: string[] = [];

    /** The same question to the CLI, as a child process with the lab's environment. */
    const cli = async (args: readonly string[]): Promise<unknown> =>
      json(await sandbox.run([...args, '--json'], { env }));
    /** The data-* attributes of every element matching a selector. */
    const datasets = (selector: string): Promise<Record<string, string | undefined>[]> =>
      page.$$eval(selector, (elements) => elements.map((element) => ({ ...(element as HTMLElement).dataset })));
    const dataset = async (selector: string): Promise<Record<string, string | undefined>> => {
      const [first] = await datasets(selector);
      if (first === undefined) throw new Error(`nothing matches ${selector}`);
      return first;
    };
    /** Go to a page of the lab by its hash and wait for the shell to show it. */
    const open = async (hash: string, id: string) => {
      // A change of the hash, as a link does (page.goto on a same-document address can wait for a load that never
      // comes).
      await page.evaluate((next) => {
        location.hash = next;
      }, hash);
      await page.waitForSelector(`${tid(TESTIDS.main)}[data-page="${id}"]`);
    };
    /** Let the page settle, keep its text for the canary check, and write `<name>.png`. */
    const screenshot = async (name: string) => {
      await page.waitForNetworkIdle({ idleTime: 300 });
      contents.push(await page.content());
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    };
    const apiRequests = (name: string) => requests.filter((url) => new URL(url).pathname === `/api/${name}`);

    /** A new tab of the launched browser, in a colour scheme, with every request, message and body recorded. */
    const newPage = async (scheme: 'light' | 'dark'): Promise<Page> => {
      const tab = await launched.browser.newPage();
      tab.setDefaultTimeout(90_000);
      tab.setDefaultNavigationTimeout(90_000);
      await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      tab.on('request', (request) => requests.push(request.url()));
      tab.on('console', (message) => logged.push({ type: message.type(), text: message.text() }));
      tab.on('pageerror', (error) => logged.push({ type: 'pageerror', text: String(error) }));
      tab.on('requestfailed', (request) =>
        logged.push({ type: 'requestfailed', text: `${request.url()} ${request.failure()?.errorText ?? ''}` }),
      );
      // Bodies are read once a request has finished: a response still loading when its page goes away has none.
      tab.on('requestfinished', (request) => {
        const response = request.response();
        // A redirect has no body to read.
        if (response === null || (response.status() >= 300 && response.status() < 400)) return;
        pending.push(
          response.text().then(
            (text) => void bodies.push({ url: response.url(), text }),
            () => void unread.push(response.url()),
          ),
        );
      });
      await tab.bringToFront();
      return tab;
    };

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      sandbox = createSandbox();
      stateDir = join(sandbox.dir, 'state');
      receipts = writeLabLedger(join(stateDir, 'receipts'));
      const vllm = await replay({
        'GET /v1/models': { status: 200, json: fixture('vllm-models') },
        'GET /health': { status: 200, text: '' },
        'GET /version': { status: 200, json: { version: '0.28.0' } },
      });
      hub = await startHubStub();
      env = sandbox.env({
        CODEWHALE_STATE_DIR: stateDir,
        TOGETHER_API_KEY: CANARIES.together,
        DEEPSEEK_API_KEY: CANARIES.deepseek,
        HF_TOKEN: CANARIES.hf,
        VLLM_BASE_URL: `${vllm.url}/v1`,
        HF_ENDPOINT: hub.url,
      });
      lab = await startLabChild(['--port', '0'], env);
      launched = await launchChromium(CHROMIUM as string, { width: 1280, height: 900 });
      page = await newPage('light');
    }, SLOW);

    afterAll(async () => {
      await launched?.close();
      await lab?.stop();
      await hub?.close();
      await closeReplays();
      sandbox?.cleanup();
    }, SLOW);

    it('the test ids read here are the ones lab-ui/src/testids.ts documents', () => {
      const source = readFileSync(new URL('../../lab-ui/src/testids.ts', import.meta.url), 'utf8');
      const declared = Object.fromEntries([...source.matchAll(/^\s+(\w+): '([\w-]+)',$/gm)].map((m) => [m[1], m[2]]));
      for (const [name, id] of Object.entries(TESTIDS)) expect(declared[name], name).toBe(id);
    });

    it(
      'the token address sets the session and shows the shell with the CLI version',
      async () => {
        const response = await page.goto(lab.url);
        expect(response?.status()).toBe(HTTP_STATUS.ok);
        expect(new URL(page.url()).search).toBe('');
        await page.waitForSelector(tid(TESTIDS.nav));
        const { version } = (await cli(['--version'])) as { version: string };
        await page.waitForFunction(
          (selector) => (document.querySelector(selector)?.textContent ?? '') !== '',
          { polling: 100 },
          tid(TESTIDS.version),
        );
        expect(await page.$eval(tid(TESTIDS.version), (element) => element.textContent)).toBe(
          `codewhale-route ${version}`,
        );
        expect(await page.$$eval(`${tid(TESTIDS.nav)} a`, (links) => links.map((link) => link.textContent))).toEqual([
          'Routes',
          'Explain',
          'Health',
          'Spend',
          'Open models',
        ]);
      },
      SLOW,
    );

    it(
      'Routes: every offering of models --json with its context and rates; a canonical model opens compare --json',
      async () => {
        await open('#/routes', 'routes');
        await page.waitForSelector(tid(TESTIDS.offeringRow));
        const models = (await cli(['models'])) as { models: ModelRow[] };
        const rows = await datasets(tid(TESTIDS.offeringRow));
        expect(new Set(rows.map((row) => row.ref))).toEqual(new Set(models.models.map((model) => model.ref)));
        expect(rows).toHaveLength(models.models.length);
        for (const model of models.models) {
          const row = rows.find((item) => item.ref === model.ref);
          expect(row, model.ref).toMatchObject({
            context: String(model.contextWindow),
            input: rate(model.meter, 'input'),
            output: rate(model.meter, 'output'),
            canonical: model.canonical ?? '',
            license: model.license?.value ?? 'unknown',
            capabilities: yes(model).join(','),
          });
        }
        await screenshot('routes');

        const canonical = 'deepseek-v4-pro';
        const button = await page.$(`${tid(TESTIDS.offeringRow)}[data-canonical="${canonical}"] button`);
        expect(button).not.toBeNull();
        await button?.click();
        await page.waitForSelector(tid(TESTIDS.compareRow));
        const compare = (await cli(['compare', canonical])) as {
          offerings: {
            ref: string;
            contextWindow: { value: number | 'unknown' };
            maxOutput: { value: number | 'unknown' };
            meter: Meter;
          }[];
        };
        expect(await datasets(tid(TESTIDS.compareRow))).toEqual(
          compare.offerings.map((offering) => ({
            testid: TESTIDS.compareRow,
            ref: offering.ref,
            context: String(offering.contextWindow.value),
            maxOutput: String(offering.maxOutput.value),
            input: rate(offering.meter, 'input'),
            output: rate(offering.meter, 'output'),
          })),
        );
        await page.$eval(tid(TESTIDS.compareTable), (element) => element.scrollIntoView());
        await screenshot('routes-compare');
        // At 1280 px the whole comparison is in view: long refs and URLs wrap at their separators, not off the side.
        expect(
          await page.$eval(tid(TESTIDS.compareTable), (table) => ({
            table: table.scrollWidth,
            fits: table.scrollWidth <= (table.parentElement as HTMLElement).clientWidth,
            text: table.querySelector('tbody th code')?.textContent,
          })),
        ).toMatchObject({ fits: true, text: 'deepseek:deepseek-v4-pro' });

        // The filters: licence MIT and tools required show exactly the rows models --json states both of.
        await page.select('form.filters label:has(option[value="mit"]) select', 'mit');
        const tools = await page.evaluateHandle(() =>
          [...document.querySelectorAll('form.filters label.check')]
            .find((label) => label.textContent?.trim() === 'tools')
            ?.querySelector('input'),
        );
        await (tools as unknown as ElementHandle<HTMLInputElement>).click();
        const wanted = models.models.filter((model) => model.license?.value === 'mit' && yes(model).includes('tools'));
        expect(wanted.length).toBeGreaterThan(0);
        expect(wanted.length).toBeLessThan(models.models.length);
        await page.waitForFunction(
          (selector, count) => document.querySelectorAll(selector).length === count,
          { polling: 100 },
          tid(TESTIDS.offeringRow),
          wanted.length,
        );
        expect((await datasets(tid(TESTIDS.offeringRow))).map((row) => row.ref)).toEqual(
          wanted.map((model) => model.ref),
        );
      },
      SLOW,
    );

    it(
      'Explain: auto, purpose review, require tools (typed and clicked) equals explain --json',
      async () => {
        await open('#/explain', 'explain');
        await page.waitForSelector(tid(TESTIDS.explainForm));
        const form = tid(TESTIDS.explainForm);
        expect(await page.$eval(`${form} input[name="ref"]`, (input) => (input as HTMLInputElement).value)).toBe(
          'auto',
        );
        await page.click(`${form} input[name="purpose"]`);
        await page.keyboard.type('review');
        await page.click(`${form} input[name="require"][value="tools"]`);
        expect(await page.$eval(`${form} input[value="tools"]`, (input) => (input as HTMLInputElement).checked)).toBe(
          true,
        );
        await page.click(`${form} button[type="submit"]`);
        await page.waitForSelector(tid(TESTIDS.explainRoute));
        expect(apiRequests('explain').map((url) => new URL(url).search)).toEqual([
          '?ref=auto&purpose=review&require=tools',
        ]);

        const explained = (await cli(['explain', 'auto', '--purpose', 'review', '--require', 'tools'])) as {
          route: string;
          endpoint: { baseUrl: string };
          auth: string;
          limits: { contextWindow: { value: number | 'unknown' }; maxOutput: { value: number | 'unknown' } };
          alternatives: { ref: string }[];
        };
        expect((await dataset(tid(TESTIDS.explainRoute))).route).toBe(explained.route);
        expect((await dataset(tid(TESTIDS.explainEndpoint))).baseUrl).toBe(explained.endpoint.baseUrl);
        expect((await dataset(tid(TESTIDS.explainAuth))).auth).toBe(explained.auth);
        expect(await datasets(tid(TESTIDS.explainLimit))).toEqual([
          { testid: TESTIDS.explainLimit, limit: 'contextWindow', value: String(explained.limits.contextWindow.value) },
          { testid: TESTIDS.explainLimit, limit: 'maxOutput', value: String(explained.limits.maxOutput.value) },
        ]);
        expect((await datasets(tid(TESTIDS.explainAlternative))).map((row) => row.ref)).toEqual(
          explained.alternatives.map((alternative) => alternative.ref),
        );
        await screenshot('explain');
      },
      SLOW,
    );

    it(
      'Health: nothing is contacted on load; the button shows what health --json says',
      async () => {
        await open('#/health', 'health');
        await page.waitForSelector(tid(TESTIDS.healthCheck));
        await page.waitForNetworkIdle({ idleTime: 500 });
        expect(apiRequests('health')).toEqual([]);
        expect(await page.$(tid(TESTIDS.healthTable))).toBeNull();

        await page.click(tid(TESTIDS.healthCheck));
        await page.waitForSelector(tid(TESTIDS.healthCheckedAt));
        expect(apiRequests('health')).toHaveLength(1);
        const health = (await cli(['health'])) as {
          checks: { providerId: string; result: { state: string } }[];
          skipped?: { providerId: string }[];
        };
        expect(health.checks.length).toBeGreaterThan(0);
        expect(
          (await datasets(tid(TESTIDS.healthRow))).map((row) => ({ provider: row.provider, state: row.state })),
        ).toEqual(health.checks.map((check) => ({ provider: check.providerId, state: check.result.state })));
        // Only the loopback vLLM is configured: nothing else (no hosted endpoint) is contacted.
        expect(health.checks).toEqual([
          expect.objectContaining({ providerId: 'vllm', result: expect.objectContaining({ state: 'up' }) }),
        ]);
        expect((await datasets(tid(TESTIDS.healthSkippedRow))).map((row) => row.provider)).toEqual(
          (health.skipped ?? []).map((item) => item.providerId),
        );
        await screenshot('health');
      },
      SLOW,
    );

    it(
      'Spend: totals and provider rows equal receipts summary --by provider --json; unknown costs are not in the cost',
      async () => {
        await open('#/spend', 'spend');
        await page.waitForSelector(tid(TESTIDS.spendTable));
        await page.waitForSelector(`${tid(TESTIDS.spendChart)} canvas`);
        const summary = (await cli(['receipts', 'summary', '--by', 'provider'])) as {
          total: Group;
          groups: Group[];
        };
        const { total } = summary;
        expect((await dataset(tid(TESTIDS.spendTotalRequests))).value).toBe(String(total.requests));
        expect(JSON.parse((await dataset(tid(TESTIDS.spendTotalCost))).cost as string)).toEqual(total.cost);
        expect((await dataset(tid(TESTIDS.spendUnknownCount))).value).toBe(String(total.costUnknown.count));
        expect(await datasets(tid(TESTIDS.spendRow))).toEqual(
          summary.groups.map((group) => ({
            testid: TESTIDS.spendRow,
            provider: group.key,
            requests: String(group.requests),
            errors: String(group.errors),
            cost: JSON.stringify(group.cost),
            unknown: String(group.costUnknown.count),
          })),
        );

        // The fixture itself: every receipt counted, unknown costs apart and not summed as 0.
        const known = receipts.filter((item) => item.cost.known);
        const knownSum = known.reduce((sum, item) => sum + (item.cost.known ? item.cost.amount : 0), 0);
        expect(total.requests).toBe(receipts.length);
        expect(total.costUnknown.count).toBe(receipts.length - known.length);
        expect(total.costUnknown.count).toBeGreaterThan(0);
        expect(Object.keys(total.cost)).toEqual(['USD']);
        expect(total.cost.USD).toBeCloseTo(knownSum, 9);
        expect(new Set(receipts.map((item) => item.time.slice(0, 10))).size).toBeGreaterThanOrEqual(3);
        expect(receipts.every((item) => item.tags?.session === LAB_SESSION)).toBe(true);
        expect(await page.$$(`${tid(TESTIDS.spendChart)} canvas`)).not.toHaveLength(0);
        await screenshot('spend');
      },
      SLOW,
    );

    it(
      'Open models: a search equals hub search --json; a passport shows passport --json licence and routes',
      async () => {
        await open('#/open-models', 'open-models');
        await page.waitForSelector(tid(TESTIDS.hubForm));
        expect(apiRequests('hub-search')).toEqual([]);
        await page.type(`${tid(TESTIDS.hubForm)} input[name="query"]`, 'llama');
        await page.click(`${tid(TESTIDS.hubForm)} button[type="submit"]`);
        await page.waitForSelector(tid(TESTIDS.hubRow));
        const search = (await cli(['hub', 'search', 'llama'])) as { models: { id: string }[] };
        expect((await datasets(tid(TESTIDS.hubRow))).map((row) => row.repo)).toEqual(
          search.models.map((model) => model.id),
        );
        expect(search.models.map((model) => model.id)).toContain(HUB_REPOS.llama);

        await page.click(`${tid(TESTIDS.hubRow)}[data-repo="${HUB_REPOS.llama}"] button`);
        await page.waitForSelector(`${tid(TESTIDS.passport)}[data-repo="${HUB_REPOS.llama}"]`);
        const passport = (await cli(['passport', HUB_REPOS.llama])) as {
          passport: { licence: { known: boolean; value?: { id: string } } };
          routes: { ref: string; ok: boolean }[];
        };
        expect(passport.passport.licence).toMatchObject({ known: true, value: { id: 'llama3.1' } });
        expect((await dataset(tid(TESTIDS.passportLicence))).licence).toBe(passport.passport.licence.value?.id);
        const byRef = (a: { ref?: string }, b: { ref?: string }) => (a.ref ?? '').localeCompare(b.ref ?? '');
        expect(
          (await datasets(tid(TESTIDS.passportRoute))).map((row) => ({ ref: row.ref, ok: row.ok })).sort(byRef),
        ).toEqual(passport.routes.map((route) => ({ ref: route.ref, ok: String(route.ok) })).sort(byRef));
        await screenshot('open-models');
      },
      SLOW,
    );

    it(
      'keyboard: Tab reaches the skip link then the nav links, with a visible outline; Enter changes the page',
      async () => {
        // A fresh document (the address without a hash: the Routes page): focus starts at the top, as in a new tab.
        await page.goto(`${lab.origin}/`);
        await page.waitForSelector(`${tid(TESTIDS.main)}[data-page="routes"]`);
        await page.waitForSelector(tid(TESTIDS.offeringRow));
        const focused = () =>
          page.evaluate(() => {
            const element = document.activeElement as HTMLElement;
            const style = getComputedStyle(element);
            return {
              tag: element.tagName.toLowerCase(),
              text: element.textContent?.trim() ?? '',
              href: element.getAttribute('href'),
              outline: { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) },
              inNav: element.closest('[data-testid="lab-nav"]') !== null,
            };
          });
        await page.keyboard.press('Tab');
        const skip = await focused();
        expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content', href: '#main' });
        expect(skip.outline.style).not.toBe('none');
        expect(skip.outline.width).toBeGreaterThan(0);
        const nav: string[] = [];
        for (let index = 0; index < 5; index++) {
          await page.keyboard.press('Tab');
          const link = await focused();
          expect(link.inNav, JSON.stringify(link)).toBe(true);
          expect(link.outline.style).not.toBe('none');
          expect(link.outline.width).toBeGreaterThan(0);
          nav.push(link.href ?? '');
        }
        expect(nav).toEqual(['#/routes', '#/explain', '#/health', '#/spend', '#/open-models']);
        // Back to Spend (two Shift+Tab) and Enter.
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
        expect((await focused()).href).toBe('#/spend');
        await page.keyboard.press('Enter');
        await page.waitForSelector(`${tid(TESTIDS.main)}[data-page="spend"]`);
        expect(new URL(page.url()).hash).toBe('#/spend');
        await page.waitForSelector(tid(TESTIDS.spendTable));
      },
      SLOW,
    );

    it(
      'dark mode: prefers-color-scheme dark changes the page background',
      async () => {
        await open('#/spend', 'spend');
        await page.waitForSelector(`${tid(TESTIDS.spendChart)} canvas`);
        // The background is painted by <html> (body is transparent over it): read the first that is not transparent.
        const background = (tab: Page = page) =>
          tab.evaluate(() => {
            for (const element of [document.body, document.documentElement]) {
              const colour = getComputedStyle(element).backgroundColor;
              if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') return colour;
            }
            return 'transparent';
          });
        const light = await background();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
        try {
          await page.waitForFunction(
            (before) => {
              const colour = getComputedStyle(document.documentElement).backgroundColor;
              return colour !== before;
            },
            { polling: 100 },
            light,
          );
          const dark = await background();
          expect(dark).not.toBe(light);
          expect(light).toBe('rgb(255, 255, 255)');
          expect(dark).toBe('rgb(13, 17, 23)');
          // The chart takes its colours when drawn: open the page in a new tab in dark mode, as a dark-mode user does.
          const tab = await newPage('dark');
          try {
            await tab.goto(`${lab.origin}/#/spend`);
            await tab.waitForSelector(`${tid(TESTIDS.spendChart)} canvas`);
            await tab.waitForNetworkIdle({ idleTime: 300 });
            expect(await background(tab)).toBe(dark);
            contents.push(await tab.content());
            await tab.screenshot({ path: join(ARTIFACTS, 'spend-dark.png') });
          } finally {
            await tab.close();
            await page.bringToFront();
          }
        } finally {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        }
      },
      SLOW,
    );

    it(
      'every request went to the lab, nothing was logged as an error or warning, and no credential was shown',
      async () => {
        await open('#/open-models', 'open-models');
        await page.waitForSelector(tid(TESTIDS.hubForm));
        await page.waitForNetworkIdle({ idleTime: 300 });
        await Promise.all(pending);
        // A body Chromium dropped (its page went on) must have been read at another time of the same request.
        const read = new Set(bodies.map((body) => body.url));
        expect(unread.filter((url) => !read.has(url))).toEqual([]);
        const apiUrls = new Set(requests.filter((url) => url.startsWith(`${lab.origin}/api/`)));
        expect([...apiUrls].filter((url) => !read.has(url))).toEqual([]);
        expect(requests.length).toBeGreaterThan(10);
        const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== lab.origin);
        expect(elsewhere).toEqual([]);
        expect(
          logged.filter((entry) => entry.type !== 'log' && entry.type !== 'info' && entry.type !== 'debug'),
        ).toEqual([]);
        expect(bodies.some((body) => new URL(body.url).pathname === '/api/receipts-summary')).toBe(true);
        const served = bodies.map((body) => body.text).join('\n');
        const content = [...contents, await page.content()].join('\n');
        expect(contents.length).toBeGreaterThanOrEqual(6);
        for (const canary of Object.values(CANARIES)) {
          expect(served).not.toContain(canary);
          expect(content).not.toContain(canary);
          expect(lab.stdout()).not.toContain(canary);
          expect(lab.stderr()).not.toContain(canary);
        }
      },
      SLOW,
    );
  },
);

/** The price summary of a row in models/compare --json. */
type Meter = { kind: string; input?: number; output?: number };

/** One row of models --json (the fields the page shows). */
interface ModelRow {
  ref: string;
  canonical: string | null;
  contextWindow: number | 'unknown';
  meter: Meter;
  license?: { value: string };
  capabilities?: Record<string, string>;
}

/** The capabilities a models --json row states as yes, in its order. */
function yes(model: ModelRow): string[] {
  return Object.entries(model.capabilities ?? {})
    .filter(([, state]) => state === 'yes')
    .map(([name]) => name);
}

/** A rate as the page writes it into data-input / data-output. */
function rate(meter: Meter, key: 'input' | 'output'): string {
  const value = meter.kind === 'token-pricing' ? meter[key] : undefined;
  return value === undefined ? 'unknown' : String(value);
}

/** One group of receipts summary --json (the fields the page shows). */
interface Group {
  key: string;
  requests: number;
  errors: number;
  cost: Record<string, number>;
  costUnknown: { count: number };
}
