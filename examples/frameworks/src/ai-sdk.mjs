#!/usr/bin/env node
// Recipe: CodeWhale routes in the Vercel AI SDK (`ai` 7). `createCodewhale` is an AI SDK provider whose model ids are
// route refs; inside the AI SDK's own `createProviderRegistry` a model is `codewhale:<route ref>`. The route is
// resolved (and explained) when the model is made; the key is read per request and sent only in its header.
// Run: node src/ai-sdk.mjs --config codewhale.toml --route together:deepseek-ai/DeepSeek-V4-Pro [--reasoning high]
// [--stream] [--prompt text]
import { AdapterError, createCodewhale, NoSuchRouteError } from '@codewhale/ai-sdk';
import { explainRoute } from '@codewhale/core';
import { createProviderRegistry, generateText, streamText } from 'ai';
import {
  defaultRouteRef,
  EXIT,
  fail,
  loadHost,
  messageOf,
  printExplanation,
  recipeFlags,
} from './route-from-config.mjs';

const NAME = 'ai-sdk';
const flags = recipeFlags(NAME);
const { config, registry, credentials } = await loadHost(NAME, flags.config);

// One provider for every route of the config; the AI SDK speaks chat-completions, responses and anthropic-messages.
const codewhale = createCodewhale({ registry, config, credentials });
const models = createProviderRegistry({ codewhale });

let model;
try {
  const ref = flags.route ?? defaultRouteRef(config);
  // A plain ref goes through the AI SDK registry; request options (a reasoning level, auto's purpose) through `route`.
  model = flags.reasoning
    ? codewhale.route(ref, { reasoning: flags.reasoning })
    : models.languageModel(`codewhale:${ref}`);
} catch (error) {
  // NoSuchRouteError is the AI SDK's NoSuchModelError, carrying the resolver's explanation of what did not resolve.
  fail(NAME, NoSuchRouteError.isInstance(error) ? EXIT.route : EXIT.usage, messageOf(error));
}

// The model knows its route: explain it before anything is sent.
printExplanation(explainRoute(model.candidate));

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
  fail(NAME, AdapterError.isInstance(error) ? EXIT.adapter : EXIT.request, messageOf(error));
}
