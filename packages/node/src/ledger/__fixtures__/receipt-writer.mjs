// Child process for the ledger's crash and concurrency tests: appends receipts in a loop through the built package and
// prints each receipt's id on stdout after `append` returned (so the parent knows which appends were acknowledged).
// Usage: node receipt-writer.mjs <ledgerDir> <writerId> <count|forever>
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { openLedger } from '@codewhale/node';

const [dir, writerId, countArg] = process.argv.slice(2);
const ledger = openLedger({ dir });
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);
// Every other receipt is large (about 40 KB of reasoning parameters) so a kill can land inside a write.
const padding = 'p'.repeat(40_000);
for (let n = 0; n < count; n++) {
  const id = `w${writerId}-${String(n).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
  ledger.append({
    v: 1,
    id,
    time: '2026-12-01T10:00:00.000Z',
    route: 'deepseek:deepseek-v4-pro',
    provider: 'deepseek',
    endpoint: { origin: 'https://api.deepseek.com', fingerprint: '0123456789abcdef', protocol: 'openai-chat', official: true, path: '/chat/completions' },
    model: { wire: 'deepseek-v4-pro' },
    credential: 'env:DEEPSEEK_API_KEY',
    ...(n % 2 === 1 ? { reasoning: { level: 'high', params: { padding } } } : {}),
    stream: true,
    outcome: { kind: 'ok', status: 200 },
    usage: { known: true, usage: { inputTokens: n, outputTokens: 1 }, dialect: 'deepseek' },
    cost: { known: false, reason: 'test' },
    timing: { ttfbMs: 1, totalMs: 2 },
    bytes: { sent: 10, received: 20, origin: 'https://api.deepseek.com' },
    catalog: 'test',
    tags: { writer: String(writerId) },
  });
  // Synchronous, so the id is out before the next append starts (a kill cannot lose an acknowledgement in a buffer).
  writeSync(1, `${id}\n`);
}
