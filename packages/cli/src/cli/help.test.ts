import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../test-utils/cli-harness.js';
import { EXIT_CODES } from './exit-codes.js';
import { BUGS_URL, CLI_GUIDE_URL, DOCS_SITE_URL } from './links.js';

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());

describe('--help', () => {
  // @see issue 14 item 3 (CLI polish): an installed CLI has no docs/ folder; the link is the docs site's CLI guide.
  it('points to the CLI guide on the docs site, never to a path in the repository', async () => {
    const help = await sandbox.run(['--help']);
    expect(help.code).toBe(EXIT_CODES.ok);
    expect(CLI_GUIDE_URL).toBe('https://codewhale.github.io/codewhale-route-catalog/documents/cli.html');
    expect(CLI_GUIDE_URL.startsWith(DOCS_SITE_URL)).toBe(true);
    expect(BUGS_URL).toBe('https://github.com/codewhale/codewhale-route-catalog/issues');
    expect(help.stdout).toContain(`Docs: ${CLI_GUIDE_URL}`);
    expect(help.stdout).not.toMatch(/docs\/[\w-]+\.md/);
  });

  it('lists every exit code by name (from EXIT_CODES) and the colour variables', async () => {
    const help = (await sandbox.run(['--help'])).stdout;
    expect(help).toContain('  0 ok · 2 usage · 3 resolution · 4 network · 5 config · 6 catalog · 1 unexpected\n');
    expect(help).toMatch(/^ {2}NO_COLOR, CLICOLOR=0 {2,}no colour/m);
    expect(help).toMatch(
      /^ {2}CLICOLOR_FORCE=1, FORCE_COLOR=1 {2,}colour even when not a terminal \(NO_COLOR and --no-color still win\)$/m,
    );
  });
});
