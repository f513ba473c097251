import type { ReadyRouteCandidate } from '@codewhale/core';
import type { EvalAnswer, AnswerToolCall } from './grade-answer.js';
import type { EvalCase, EvalSuite, GenerationSettings } from './eval-suite-schema.js';
import { sha256Hex } from './load-suite.js';

/** The settings a case is sent with: the suite's, overridden field by field by the case's. */
export function caseSettings(suite: EvalSuite, evalCase: EvalCase): GenerationSettings {
  return { ...suite.settings, ...evalCase.settings };
}

/**
 * The route-independent part of a case's chat-completions body, in a fixed key order: messages, max_tokens,
 * temperature, seed, tools, tool_choice. Every route gets these same bytes; only `model` and the route's own reasoning
 * parameters are added.
 */
export function caseRequestBase(suite: EvalSuite, evalCase: EvalCase): Record<string, unknown> {
  const settings = caseSettings(suite, evalCase);
  const tools = suite.tools;
  return {
    messages: evalCase.messages.map((message) => ({ role: message.role, content: message.content })),
    ...(settings.max_output_tokens !== undefined ? { max_tokens: settings.max_output_tokens } : {}),
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(tools
      ? {
          tools: tools.functions.map((tool) => ({
            type: 'function',
            function: {
              name: tool.name,
              ...(tool.description !== undefined ? { description: tool.description } : {}),
              parameters: tool.parameters,
            },
          })),
          tool_choice:
            typeof tools.choice === 'string'
              ? tools.choice
              : { type: 'function', function: { name: tools.choice.name } },
        }
      : {}),
  };
}

/** SHA-256 of the route-independent request of a case (its canonical JSON): changes with any byte of the prompt or settings. */
export function caseRequestDigest(suite: EvalSuite, evalCase: EvalCase): string {
  return sha256Hex(JSON.stringify(caseRequestBase(suite, evalCase)));
}

/** The exact body sent to one route: `model` (the wire id), the case's base, then the route's reasoning parameters. */
export function routeRequestBody(base: Record<string, unknown>, candidate: ReadyRouteCandidate): string {
  return JSON.stringify({ model: candidate.wireModelId, ...base, ...candidate.reasoning.params, stream: false });
}

/** The answer in a chat-completions response body: the first choice's text and tool calls; undefined when it has none. */
export function readChatAnswer(body: unknown): EvalAnswer | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return undefined;
  const message = (choices[0] as { message?: unknown }).message;
  if (typeof message !== 'object' || message === null) return undefined;
  const { content, tool_calls: calls } = message as { content?: unknown; tool_calls?: unknown };
  let text = '';
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content))
    text = content
      .map((part) => (typeof part === 'object' && part !== null && typeof part.text === 'string' ? part.text : ''))
      .join('');
  const toolCalls: AnswerToolCall[] = [];
  if (Array.isArray(calls))
    for (const call of calls) {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      if (fn && typeof fn.name === 'string')
        toolCalls.push({
          name: fn.name,
          arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}),
        });
    }
  return { text, toolCalls };
}
