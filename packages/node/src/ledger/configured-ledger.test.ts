import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerOptionsFromConfig } from './configured-ledger.js';

const base = { env: { XDG_STATE_HOME: '/state' }, platform: 'linux' as const, home: '/home/ada' };

describe('ledgerOptionsFromConfig', () => {
  it('uses the state directory when the config names no folder, and no limits it does not set', () => {
    expect(ledgerOptionsFromConfig({}, base)).toEqual({ dir: join('/state', 'codewhale', 'receipts') });
  });

  it('reads [receipts] dir (home and config-relative forms), keep_days and max_bytes', () => {
    expect(
      ledgerOptionsFromConfig({ receipts: { dir: '~/ledger', keep_days: 30, max_bytes: 1_000_000 } }, base),
    ).toEqual({
      dir: join('/home/ada', 'ledger'),
      keepDays: 30,
      maxBytes: 1_000_000,
    });
    expect(ledgerOptionsFromConfig({ receipts: { dir: 'receipts' } }, { ...base, configDir: '/etc/cw' })).toEqual({
      dir: join('/etc/cw', 'receipts'),
    });
    expect(ledgerOptionsFromConfig({ receipts: { dir: '/var/cw' } }, base).dir).toBe('/var/cw');
  });

  it('lets CODEWHALE_STATE_DIR move the default, never a configured folder', () => {
    const env = { CODEWHALE_STATE_DIR: '/override' };
    expect(ledgerOptionsFromConfig({}, { ...base, env }).dir).toBe(join('/override', 'receipts'));
    expect(ledgerOptionsFromConfig({ receipts: { dir: '/var/cw' } }, { ...base, env }).dir).toBe('/var/cw');
  });
});
