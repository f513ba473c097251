// Finds a Chromium on this machine and launches it headless for browser tests (puppeteer-core never downloads one).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Where Chromium is looked for, in order, after the `CODEWHALE_CHROMIUM` environment variable. */
export const CHROMIUM_CANDIDATES: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Why no browser test can run here (a sentence naming the fix). */
export const NO_CHROMIUM_REASON =
  'no Chromium found (set CODEWHALE_CHROMIUM, or install it: apt-get install chromium; .ci/run installs it)';

/** The Chromium to run: `CODEWHALE_CHROMIUM` when it names a file, else the first candidate present, else undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.CODEWHALE_CHROMIUM;
  if (chosen !== undefined && chosen !== '') return existsSync(chosen) ? chosen : undefined;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Flags for a headless Chromium on a closed network, as root, in a container: no sandbox, no GPU, no phoning home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A launched Chromium with its throw-away profile; `close()` ends it and removes the profile. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Launch `executablePath` headless with a fresh profile (a temp `--user-data-dir`). */
export async function launchChromium(
  executablePath: string,
  options: { readonly width?: number; readonly height?: number } = {},
): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'codewhale-chromium-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir: profile,
    args: [...CHROMIUM_FLAGS],
    defaultViewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    protocolTimeout: 120_000,
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
