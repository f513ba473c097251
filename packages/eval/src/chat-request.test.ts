import { describe, expect, it } from 'vitest';
import { caseRequestBase, caseRequestDigest, readChatAnswer } from './chat-request.js';
import { evalCaseSchema, evalSuiteSchema } from './eval-suite-schema.js';

const suite = evalSuiteSchema.parse({
  name: 'tools',
  cases: 'cases.jsonl',
  settings: { max_output_tokens: 100, temperature: 0.2 },
  tools: {
    choice: { name: 'run_check' },
    functions: [{ name: 'run_check', description: 'Run a check.', parameters: { type: 'object' } }],
  },
});
const evalCase = evalCaseSchema.parse({
  id: 'a',
  messages: [{ role: 'user', content: 'check types' }],
  settings: { seed: 3, max_output_tokens: 50 },
  graders: [{ type: 'tool-call', name: 'run_check' }],
});

describe('chat request', () => {
  it('builds the route-independent body in a fixed order, the case settings over the suite settings', () => {
    expect(JSON.stringify(caseRequestBase(suite, evalCase))).toBe(
      JSON.stringify({
        messages: [{ role: 'user', content: 'check types' }],
        max_tokens: 50,
        temperature: 0.2,
        seed: 3,
        tools: [
          {
            type: 'function',
            function: { name: 'run_check', description: 'Run a check.', parameters: { type: 'object' } },
          },
        ],
        tool_choice: { type: 'function', function: { name: 'run_check' } },
      }),
    );
  });

  it('changes the digest with one byte of a prompt, and only then', () => {
    const same = evalCaseSchema.parse({ ...evalCase, graders: [{ type: 'contains', value: 'x' }] });
    const changed = evalCaseSchema.parse({ ...evalCase, messages: [{ role: 'user', content: 'check types!' }] });
    expect(caseRequestDigest(suite, same)).toBe(caseRequestDigest(suite, evalCase));
    expect(caseRequestDigest(suite, changed)).not.toBe(caseRequestDigest(suite, evalCase));
  });

  it('reads text, text parts and tool calls from a chat completion', () => {
    expect(readChatAnswer({ choices: [{ message: { role: 'assistant', content: 'hi' } }] })).toEqual({
      text: 'hi',
      toolCalls: [],
    });
    expect(
      readChatAnswer({
        choices: [
          {
            message: {
              content: [
                { type: 'text', text: 'a' },
                { type: 'text', text: 'b' },
              ],
            },
          },
        ],
      }),
    ).toEqual({ text: 'ab', toolCalls: [] });
    expect(
      readChatAnswer({
        choices: [
          {
            message: {
              content: null,
              tool_calls: [
                { id: 't', type: 'function', function: { name: 'run_check', arguments: '{"check":"lint"}' } },
              ],
            },
          },
        ],
      }),
    ).toEqual({ text: '', toolCalls: [{ name: 'run_check', arguments: '{"check":"lint"}' }] });
    expect(readChatAnswer({ error: 'x' })).toBeUndefined();
    expect(readChatAnswer({ choices: [] })).toBeUndefined();
  });
});
