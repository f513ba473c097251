// Child process for the concurrent-edit tests: sets one key of a config file through the built package.
// Usage: node config-writer.mjs <file> set <dottedKey> <value>
//        node config-writer.mjs <file> switch <providerId> <model>   (persistRouteSwitch with a resolved candidate)
import { createRegistry, createRouteResolver } from '@codewhale/core';
import { persistRouteSwitch, setConfigValue } from '@codewhale/node';
import { vllmPlugin } from '@codewhale/provider-vllm';

const [file, action, key, value] = process.argv.slice(2);
try {
  if (action === 'set') {
    await setConfigValue(file, key, value);
  } else {
    const registry = createRegistry({ plugins: [vllmPlugin] });
    const result = createRouteResolver({ registry, config: { providers: { vllm: { base_url: 'http://127.0.0.1:8000/v1' } } } }).resolve({ provider: key, model: value });
    if (!result.ok) throw new Error(result.error.message);
    await persistRouteSwitch(file, result.candidate, { fromAuto: false, registry });
  }
  process.stdout.write('ok\n');
} catch (error) {
  process.stdout.write(`error ${error.code ?? error.name}\n`);
  process.exitCode = 1;
}
