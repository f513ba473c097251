import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { UserConfig } from '@codewhale/core';
import { type Ledger, type LedgerOptions, openLedger } from './receipt-ledger.js';
import { defaultReceiptsDir, type StateDirOptions } from './state-dir.js';

/** Options of {@link ledgerOptionsFromConfig} and {@link openConfiguredLedger}. */
export interface ConfiguredLedgerOptions extends StateDirOptions {
  /** The folder of the config file: a relative `[receipts] dir` is read from there (default: the working directory). */
  readonly configDir?: string;
}

/**
 * The ledger a config asks for: `[receipts] dir` (`~/` is the home folder; relative to the config file's folder),
 * else the default `<state dir>/receipts`; `keep_days` and `max_bytes` as retention and size cap for `prune()`.
 */
export function ledgerOptionsFromConfig(config: UserConfig, options: ConfiguredLedgerOptions = {}): LedgerOptions {
  const table = config.receipts;
  const configured = table?.dir?.trim();
  const home = options.home ?? homedir();
  let dir: string;
  if (!configured) dir = defaultReceiptsDir(options);
  else if (configured === '~' || configured.startsWith('~/')) dir = join(home, configured.slice(1));
  else dir = isAbsolute(configured) ? configured : resolve(options.configDir ?? process.cwd(), configured);
  return {
    dir,
    ...(table?.keep_days !== undefined ? { keepDays: table.keep_days } : {}),
    ...(table?.max_bytes !== undefined ? { maxBytes: table.max_bytes } : {}),
  };
}

/** Open the receipts ledger a config describes (see {@link ledgerOptionsFromConfig}); nothing is created until the first append. */
export function openConfiguredLedger(config: UserConfig, options: ConfiguredLedgerOptions = {}): Ledger {
  return openLedger(ledgerOptionsFromConfig(config, options));
}
