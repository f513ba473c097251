#!/usr/bin/env node
// Recipe: a CodeWhale route in LangChain.js (`@langchain/openai` `ChatOpenAI`). `prepareRoute` resolves the route,
// explains it and builds options for the `openai` client; they are ChatOpenAI's `configuration` (base URL, the
// endpoint's fixed headers, a fetch that sends the route's key in its one header), `model` is the wire id, and the
// route's reasoning parameters go into the body through `modelKwargs`. ChatOpenAI reads OPENAI_API_KEY only when no
// key is given: the options' unused placeholder is given, so the variable is never read, and never sent.
// Run: node src/langchain.mjs --config codewhale.toml --route together:deepseek-ai/DeepSeek-V4-Pro [--reasoning high]
// [--prompt text]
import { prepareRoute } from '@codewhale/ai-sdk';
import { ChatOpenAI } from '@langchain/openai';
import { EXIT, fail, loadHost, messageOf, printExplanation, recipeFlags, routeRequest } from './route-from-config.mjs';

const NAME = 'langchain';
const flags = recipeFlags(NAME);
const { config, registry, credentials } = await loadHost(NAME, flags.config);

let route;
try {
  // ChatOpenAI speaks chat-completions and, with useResponsesApi, responses (prepareRoute's default protocols).
  route = await prepareRoute({ registry, config, credentials, route: routeRequest(registry, flags) });
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

const chat = new ChatOpenAI({
  model: route.model,
  // The client's placeholder (never sent: the fetch puts the route's key in its header). Given here and in
  // `configuration`, so ChatOpenAI does not fall back to OPENAI_API_KEY.
  apiKey: route.client.apiKey,
  // baseURL (so OPENAI_BASE_URL is not read), defaultHeaders, fetch, and organization/project set to null (so
  // OPENAI_ORGANIZATION is not sent).
  configuration: route.client,
  // The route's reasoning parameters, merged into the request body as they are.
  modelKwargs: route.body,
  // The endpoint's protocol decides the API, not the model's name.
  useResponsesApi: route.candidate.endpoint.protocol === 'responses',
  maxRetries: 0,
});

try {
  const reply = await chat.invoke([
    ['system', 'You are a helpful assistant. Answer briefly.'],
    ['human', flags.prompt],
  ]);
  process.stdout.write(`assistant> ${reply.text}\n`);
} catch (error) {
  fail(NAME, EXIT.request, `the request to ${route.candidate.endpoint.baseUrl} failed: ${messageOf(error)}`);
}
