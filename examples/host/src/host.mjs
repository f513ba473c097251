#!/usr/bin/env node
// A small agent host on CodeWhale's published packages only: load a TOML config, resolve a route, explain it, and send
// one chat request through the Vercel AI SDK. Run: node src/host.mjs --config codewhale.toml [--provider id]
// [--model id] [--reasoning off|low|medium|high|max] [--stream] [--prompt text]
import { parseArgs } from 'node:util';
import { createLanguageModel, AdapterError } from '@codewhale/ai-sdk';
import { createRegistry, createRouteResolver, explainRoute, formatRouteExplanation } from '@codewhale/core';
import { createCredentialSource, loadConfig, routeCredential } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { generateText, streamText } from 'ai';

/** Exit codes a wrapper can switch on. */
const EXIT = { usage: 64, route: 2, adapter: 3, request: 4 };

/** Key values this process holds (set once a key is bound): never printed. */
const secrets = [];

/**
 * Text for the terminal without a key in it: the values this host holds, then anything shaped like an API key or a
 * bearer token (the shapes plugin-kit's `redactSecrets` uses). Error messages from other libraries (the AI SDK, a
 * provider's error body) are not redacted by them.
 */
function redact(text) {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out.replace(
    /\b(?:sk|rk|pk|nvapi|hf|gsk|xai|key|tok|ak)[-_][A-Za-z0-9._-]{12,}|\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/g,
    '[redacted]',
  );
}

function fail(code, message) {
  process.stderr.write(`host: ${redact(message)}\n`);
  process.exit(code);
}

const { values: flags } = parseArgs({
  options: {
    config: { type: 'string' },
    provider: { type: 'string' },
    model: { type: 'string' },
    reasoning: { type: 'string' },
    prompt: { type: 'string', default: 'Say hello in one short sentence.' },
    stream: { type: 'boolean', default: false },
  },
});
if (!flags.config) fail(EXIT.usage, 'pass --config <path to a TOML file>');

const plugins = [deepseekPlugin, togetherPlugin, ollamaPlugin, vllmPlugin];

// 1. Config: intent and overrides only (provider, model, [providers.<id>] base_url / api_key_env / reasoning, ...).
// loadConfig checks it against the schema and the registered providers (a table naming another provider's key
// variable is warned about; the resolver refuses that key), and its errors name the file, line and column without
// quoting the line.
let config;
try {
  const loaded = await loadConfig({ explicit: flags.config, providers: plugins.map((plugin) => plugin.descriptor) });
  for (const warning of loaded.warnings) process.stderr.write(`host: warning: ${redact(warning.message)}\n`);
  config = loaded.config;
} catch (error) {
  fail(EXIT.usage, error instanceof Error ? error.message : String(error));
}

// 2. Registry and resolver. Keys are described by class here; values are read only when the request is built.
const registry = createRegistry({ plugins });
// Given the registry, the credential source also refuses a variable that belongs to another provider on its own.
const credentials = createCredentialSource({ registry });
let resolver;
try {
  // This host speaks chat-completions only, so routes on other protocols fail at resolution with a clear error.
  resolver = createRouteResolver({ registry, config, credentials, protocols: ['chat-completions'] });
} catch (error) {
  fail(EXIT.usage, error instanceof Error ? error.message : String(error));
}

const result = resolver.resolve({
  ...(flags.provider ? { provider: flags.provider } : {}),
  ...(flags.model ? { model: flags.model } : {}),
  ...(flags.reasoning ? { reasoning: flags.reasoning } : {}),
  origin: {
    ...(flags.provider ? { provider: 'flag --provider' } : {}),
    ...(flags.model ? { model: 'flag --model' } : {}),
  },
});
if (!result.ok) fail(EXIT.route, `${result.error.kind}: ${result.error.message}`);
const { candidate } = result;

// 3. Explain the route before anything is sent.
process.stdout.write(`${formatRouteExplanation(explainRoute(candidate))}\n\n`);

// 4. Bind the key to this route's endpoint (by the same binding rule the resolver used) and send one request.
const { baseUrl } = candidate.endpoint;
let model;
try {
  const credential = await routeCredential(candidate, { registry, config, credentials });
  // Known from here on: whatever an error message quotes of it is redacted (the header value and the bare key).
  if (credential) secrets.push(credential.value, credential.value.replace(/^\S+\s+/, ''));
  model = createLanguageModel(candidate, { credential });
} catch (error) {
  fail(
    AdapterError.isInstance(error) ? EXIT.adapter : EXIT.request,
    error instanceof Error ? error.message : String(error),
  );
}

try {
  if (flags.stream) {
    // streamText reports failures through onError (the text stream just ends); keep the first one to report it.
    let streamError;
    const stream = streamText({
      model,
      prompt: flags.prompt,
      maxRetries: 0,
      onError: ({ error }) => (streamError ??= error),
    });
    process.stdout.write('assistant> ');
    for await (const part of stream.textStream) process.stdout.write(part);
    process.stdout.write('\n');
    if (streamError) throw streamError;
    process.stdout.write(`[finish: ${await stream.finishReason}]\n`);
  } else {
    const { text, finishReason } = await generateText({ model, prompt: flags.prompt, maxRetries: 0 });
    process.stdout.write(`assistant> ${text}\n[finish: ${finishReason}]\n`);
  }
} catch (error) {
  fail(EXIT.request, `the request to ${baseUrl} failed: ${error instanceof Error ? error.message : String(error)}`);
}
