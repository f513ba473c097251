// Child process for the crash tests: writes the same cache entry over and over with growing generations.
// Usage: node cache-writer.mjs <cacheDir> <writerId> <count|forever>
import { createLiveCache } from '@codewhale/node';

const [dir, writerId, countArg] = process.argv.slice(2);
const cache = createLiveCache({ dir });
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);
// Padding makes each write take long enough for a kill to land mid-write.
const padding = 'x'.repeat(200_000);
for (let generation = 0; generation < count; generation++) {
  const records = Array.from({ length: 20 }, (_, index) => ({ id: `w${writerId}-g${generation}-m${index}`, displayName: index === 0 ? padding : 'm' }));
  await cache.write({ providerId: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', records, source: `writer ${writerId}` });
  if (process.send) process.send({ generation });
}
