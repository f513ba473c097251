#!/usr/bin/env node
// Recipe: a CodeWhale route in Mastra (`@mastra/core` `Agent`). Mastra takes AI SDK model objects, AI SDK 7's
// `LanguageModelV4` included (it wraps a `specificationVersion: 'v4'` model in its own AI SDK 7 adapter), so the
// agent's model is a model of `createCodewhale`: the route is resolved and explained when it is made, its key read
// per request and sent only in its header, its reasoning parameters merged into every body.
// Run: node src/mastra.mjs --config codewhale.toml --route deepseek:deepseek-v4-pro [--reasoning high] [--stream]
// [--prompt text]
import { AdapterError, createCodewhale, NoSuchRouteError } from '@codewhale/ai-sdk';
import { explainRoute } from '@codewhale/core';
import { Agent } from '@mastra/core/agent';
import {
  defaultRouteRef,
  EXIT,
  fail,
  loadHost,
  messageOf,
  printExplanation,
  recipeFlags,
} from './route-from-config.mjs';

const NAME = 'mastra';
const flags = recipeFlags(NAME);
const { config, registry, credentials } = await loadHost(NAME, flags.config);
const codewhale = createCodewhale({ registry, config, credentials });

let model;
try {
  model = codewhale.route(
    flags.route ?? defaultRouteRef(config),
    flags.reasoning ? { reasoning: flags.reasoning } : {},
  );
} catch (error) {
  fail(NAME, NoSuchRouteError.isInstance(error) ? EXIT.route : EXIT.usage, messageOf(error));
}
printExplanation(explainRoute(model.candidate));

const agent = new Agent({
  id: 'codewhale-recipe',
  name: 'CodeWhale recipe',
  instructions: 'You are a helpful assistant. Answer briefly.',
  model,
});

/** A failed call: `agent.generate` throws it, `agent.stream` ends its text stream and keeps it in `stream.error`. */
function failed(error) {
  fail(
    NAME,
    AdapterError.isInstance(error) ? EXIT.adapter : EXIT.request,
    `the request to ${model.candidate.endpoint.baseUrl} failed: ${messageOf(error)}`,
  );
}

try {
  if (flags.stream) {
    const stream = await agent.stream(flags.prompt, { maxSteps: 1 });
    process.stdout.write('assistant> ');
    for await (const part of stream.textStream) process.stdout.write(part);
    process.stdout.write('\n');
    if (stream.error) failed(stream.error);
    process.stdout.write(`[finish: ${await stream.finishReason}]\n`);
  } else {
    const result = await agent.generate(flags.prompt, { maxSteps: 1 });
    if (result.error) failed(result.error);
    process.stdout.write(`assistant> ${result.text}\n[finish: ${result.finishReason}]\n`);
  }
} catch (error) {
  failed(error);
}
