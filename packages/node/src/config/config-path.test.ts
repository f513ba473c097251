import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath, resolveConfigPath } from './config-path.js';

describe('config path', () => {
  it('follows each platform', () => {
    expect(defaultConfigPath({ platform: 'linux', home: '/home/ada', env: {} })).toBe(
      join('/home/ada', '.config', 'codewhale', 'config.toml'),
    );
    expect(defaultConfigPath({ platform: 'linux', home: '/home/ada', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      join('/xdg', 'codewhale', 'config.toml'),
    );
    // The XDG spec ignores relative values.
    expect(defaultConfigPath({ platform: 'freebsd', home: '/home/ada', env: { XDG_CONFIG_HOME: 'rel/dir' } })).toBe(
      join('/home/ada', '.config', 'codewhale', 'config.toml'),
    );
    expect(defaultConfigPath({ platform: 'darwin', home: '/Users/ada', env: { XDG_CONFIG_HOME: '/xdg' } })).toBe(
      join('/Users/ada', 'Library', 'Application Support', 'codewhale', 'config.toml'),
    );
    expect(
      defaultConfigPath({
        platform: 'win32',
        home: 'C:\\Users\\ada',
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
      }),
    ).toBe(join('C:\\Users\\ada\\AppData\\Roaming', 'codewhale', 'config.toml'));
    expect(defaultConfigPath({ platform: 'win32', home: 'C:\\Users\\ada', env: {} })).toBe(
      join('C:\\Users\\ada', 'AppData', 'Roaming', 'codewhale', 'config.toml'),
    );
  });

  it('explicit path > CODEWHALE_CONFIG > platform default', () => {
    const env = { CODEWHALE_CONFIG: '/etc/cw.toml', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveConfigPath({ explicit: './mine.toml', env, platform: 'linux' })).toEqual({
      path: './mine.toml',
      source: 'explicit',
    });
    expect(resolveConfigPath({ env, platform: 'linux' })).toEqual({ path: '/etc/cw.toml', source: 'env' });
    expect(resolveConfigPath({ env: { CODEWHALE_CONFIG: '  ', XDG_CONFIG_HOME: '/xdg' }, platform: 'linux' })).toEqual({
      path: join('/xdg', 'codewhale', 'config.toml'),
      source: 'default',
    });
  });
});
