import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReceiptsDir, defaultStateDir } from './state-dir.js';

describe('defaultStateDir', () => {
  const home = '/home/ana';
  it('follows XDG on Linux, with ~/.local/state when XDG_STATE_HOME is unset or relative', () => {
    expect(defaultStateDir({ env: { XDG_STATE_HOME: '/xdg/state' }, platform: 'linux', home })).toBe(
      join('/xdg/state', 'codewhale'),
    );
    expect(defaultStateDir({ env: {}, platform: 'linux', home })).toBe(join(home, '.local', 'state', 'codewhale'));
    expect(defaultStateDir({ env: { XDG_STATE_HOME: 'relative' }, platform: 'freebsd', home })).toBe(
      join(home, '.local', 'state', 'codewhale'),
    );
  });

  it('uses the platform folders on macOS and Windows', () => {
    expect(defaultStateDir({ env: {}, platform: 'darwin', home })).toBe(
      join(home, 'Library', 'Application Support', 'codewhale'),
    );
    expect(defaultStateDir({ env: { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, platform: 'win32', home })).toBe(
      join('C:\\Users\\ana\\AppData\\Local', 'codewhale'),
    );
    expect(defaultStateDir({ env: {}, platform: 'win32', home })).toBe(join(home, 'AppData', 'Local', 'codewhale'));
  });

  it('lets CODEWHALE_STATE_DIR override every platform, and puts receipts in its receipts folder', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const)
      expect(defaultStateDir({ env: { CODEWHALE_STATE_DIR: ' /custom ', XDG_STATE_HOME: '/x' }, platform, home })).toBe(
        '/custom',
      );
    expect(defaultReceiptsDir({ env: { CODEWHALE_STATE_DIR: '/custom' }, platform: 'linux', home })).toBe(
      join('/custom', 'receipts'),
    );
  });
});
