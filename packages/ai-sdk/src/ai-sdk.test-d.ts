import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { ReadyRouteCandidate } from '@codewhale/core';
import type { requestCredential } from '@codewhale/node';
import type { LanguageModel } from 'ai';
import type OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createLanguageModel,
  reasoningBody,
  toOpenAIClientOptions,
  type RouteCredential,
  type RouteLanguageModel,
} from './index.js';

declare const candidate: ReadyRouteCandidate;

describe('types of the host adapters', () => {
  it('gives a model the AI SDK takes: a LanguageModelV4 (AI SDK 7), whatever the protocol', () => {
    expectTypeOf(createLanguageModel(candidate)).toExtend<LanguageModel>();
    expectTypeOf(createLanguageModel(candidate)).toEqualTypeOf<RouteLanguageModel>();
    expectTypeOf<RouteLanguageModel>().toEqualTypeOf<LanguageModelV4>();
  });

  it('gives options the openai client takes', () => {
    expectTypeOf(toOpenAIClientOptions(candidate)).toExtend<ClientOptions>();
  });

  it('takes what requestCredential of @codewhale/node returns', () => {
    expectTypeOf<NonNullable<ReturnType<typeof requestCredential>>>().toExtend<RouteCredential>();
  });

  it('spreads reasoning parameters into an openai chat body', () => {
    const body = {
      model: candidate.wireModelId,
      messages: [{ role: 'user' as const, content: 'Hi' }],
      ...reasoningBody(candidate),
    };
    expectTypeOf(body).toExtend<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>();
  });

  it('spreads reasoning parameters into an openai responses body', () => {
    const body = { model: candidate.wireModelId, input: 'Hi', ...reasoningBody(candidate) };
    expectTypeOf(body).toExtend<OpenAI.Responses.ResponseCreateParamsNonStreaming>();
  });

  it('accepts only candidates at compile time', () => {
    // @ts-expect-error a provider/model pair is not a route
    createLanguageModel({ provider: 'deepseek', model: 'deepseek-v4-pro' });
    // @ts-expect-error a provider/model pair is not a route
    toOpenAIClientOptions('deepseek:deepseek-v4-pro');
  });
});
