// The receipts commands: their own bundle (dist/receipts.cjs) with the ledger reader, the receipt schema (zod) and the
// exporters, loaded by the main bundle only when `receipts` runs. Nothing here contacts the network.
import type { ParsedArgs } from '../cli/argv.js';
import type { Output } from '../cli/output.js';
import { list, string } from '../cli/run.js';
import { type Env, loadUserConfig } from '../cli/session.js';
import { type ReceiptsFlags, runReceipts } from '../commands/receipts.js';

/** Run `receipts`, `receipts summary` or `receipts export`; returns the exit code. */
export async function runReceiptsCommand(args: ParsedArgs, output: Output, env: Env): Promise<number> {
  const { flags } = args;
  const loaded = await loadUserConfig(string(flags.config), env);
  const receiptsFlags: ReceiptsFlags = {
    action: (args.positionals[0] ?? 'list') as ReceiptsFlags['action'],
    ...(string(flags.since) !== undefined ? { since: string(flags.since) } : {}),
    ...(string(flags.until) !== undefined ? { until: string(flags.until) } : {}),
    ...(list(flags.provider) !== undefined ? { provider: list(flags.provider) } : {}),
    ...(string(flags.model) !== undefined ? { model: string(flags.model) } : {}),
    ...(list(flags.tag) !== undefined ? { tag: list(flags.tag) } : {}),
    ...(typeof flags.limit === 'number' ? { limit: flags.limit } : {}),
    ...(string(flags.by) !== undefined ? { by: string(flags.by) } : {}),
    ...(string(flags['tag-name']) !== undefined ? { tagName: string(flags['tag-name']) } : {}),
    ...(string(flags.format) !== undefined ? { format: string(flags.format) } : {}),
    ...(string(flags.out) !== undefined ? { out: string(flags.out) } : {}),
    ...(flags.redact === true ? { redact: true } : {}),
    ...(string(flags.dir) !== undefined ? { dir: string(flags.dir) } : {}),
  } as ReceiptsFlags;
  return runReceipts(loaded, output, env, receiptsFlags);
}
