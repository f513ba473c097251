import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** What decides the state directory (defaults: this process's environment and platform). */
export interface StateDirOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * The directory of CodeWhale's private state (the receipts ledger lives in its `receipts` folder):
 * `CODEWHALE_STATE_DIR` when set; else `$XDG_STATE_HOME/codewhale` (or `~/.local/state/codewhale`) on Linux and other
 * Unix, `~/Library/Application Support/codewhale` on macOS, and `%LOCALAPPDATA%\codewhale` on Windows.
 */
export function defaultStateDir(options: StateDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const override = env.CODEWHALE_STATE_DIR?.trim();
  if (override) return override;
  if (platform === 'win32') return join(env.LOCALAPPDATA?.trim() || join(home, 'AppData', 'Local'), 'codewhale');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'codewhale');
  // The XDG spec ignores relative values.
  const xdg = env.XDG_STATE_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'state'), 'codewhale');
}

/** The receipts ledger's directory: `<state dir>/receipts`. */
export function defaultReceiptsDir(options: StateDirOptions = {}): string {
  return join(defaultStateDir(options), 'receipts');
}
