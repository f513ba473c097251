#!/usr/bin/env node
// Recipe: a CodeWhale route in the OpenAI Agents SDK for JS (`@openai/agents`). `prepareRoute` resolves the route,
// explains it and builds options for the official `openai` client (the route's base URL, its key in its one header,
// nothing from `OPENAI_*` variables); the agent's model is a chat-completions model over that client. Tracing is
// switched off, so nothing is exported to OpenAI's trace endpoint.
// Run: node src/openai-agents.mjs --config codewhale.toml --route deepseek:deepseek-v4-pro [--reasoning high]
// [--prompt text]
import { prepareRoute } from '@codewhale/ai-sdk';
import { Agent, OpenAIChatCompletionsModel, Runner, setTraceProcessors, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import { EXIT, fail, loadHost, messageOf, printExplanation, recipeFlags, routeRequest } from './route-from-config.mjs';

const NAME = 'openai-agents';

// Importing @openai/agents installs a trace exporter that posts to api.openai.com with OPENAI_API_KEY: drop it, and
// disable tracing (also per run below). OPENAI_AGENTS_DISABLE_TRACING=1 in the environment does the same.
setTraceProcessors([]);
setTracingDisabled(true);

const flags = recipeFlags(NAME);
const { config, registry, credentials } = await loadHost(NAME, flags.config);

let route;
try {
  // OpenAIChatCompletionsModel speaks chat-completions: a route on another protocol fails at resolution.
  route = await prepareRoute({
    registry,
    config,
    credentials,
    route: routeRequest(registry, flags),
    protocols: ['chat-completions'],
  });
} catch (error) {
  // A key that cannot be read (CredentialError) or a route the client cannot take (AdapterError): nothing was sent.
  fail(NAME, EXIT.adapter, messageOf(error));
}
if (!route.ok && 'candidate' in route) {
  // The route resolved but has no key: show where it would go (auth: missing), say what to set, send nothing.
  printExplanation(route.explanation);
  fail(NAME, EXIT.adapter, route.error.message);
}
if (!route.ok) fail(NAME, EXIT.route, `${route.error.kind}: ${route.error.message}`);
printExplanation(route.explanation);

const agent = new Agent({
  name: 'CodeWhale recipe',
  instructions: 'You are a helpful assistant. Answer briefly.',
  // The wire id byte-for-byte, over a client whose fetch adds the route's key and refuses cross-origin redirects.
  model: new OpenAIChatCompletionsModel(new OpenAI(route.client), route.model),
  // The route's reasoning parameters go into the request body as they are (e.g. DeepSeek's thinking switch).
  modelSettings: { providerData: route.body },
});

try {
  const result = await new Runner({ tracingDisabled: true }).run(agent, flags.prompt, { maxTurns: 1 });
  process.stdout.write(`assistant> ${result.finalOutput}\n`);
} catch (error) {
  fail(NAME, EXIT.request, `the request to ${route.candidate.endpoint.baseUrl} failed: ${messageOf(error)}`);
}
