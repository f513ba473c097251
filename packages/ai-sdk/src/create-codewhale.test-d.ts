import type { LanguageModelV4, ProviderV4 } from '@ai-sdk/provider';
import { createRegistry, createRouteSession, type Registry, type RouteSession } from '@codewhale/core';
import { createDeepseekPlugin } from '@codewhale/provider-deepseek';
import { createTogetherPlugin } from '@codewhale/provider-together';
import { createProviderRegistry, customProvider, wrapLanguageModel, type LanguageModel } from 'ai';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createCodewhale,
  createFailoverMiddleware,
  type CodewhaleLanguageModel,
  type CodewhaleProvider,
  type CodewhaleSession,
} from './index.js';

const plugins = [createDeepseekPlugin(), createTogetherPlugin()] as const;

describe('types of createCodewhale', () => {
  it('is a provider the AI SDK takes, typed by the plugins passed in', () => {
    const codewhale = createCodewhale({ plugins });
    expectTypeOf(codewhale).toEqualTypeOf<CodewhaleProvider<'deepseek' | 'together'>>();
    expectTypeOf(codewhale).toExtend<ProviderV4>();
    expectTypeOf(codewhale('deepseek:deepseek-v4-pro')).toEqualTypeOf<CodewhaleLanguageModel>();
    expectTypeOf(codewhale.languageModel('together:deepseek-ai/DeepSeek-V4-Pro')).toExtend<LanguageModel>();
    createProviderRegistry({ codewhale }).languageModel('codewhale:together:deepseek-ai/DeepSeek-V4-Pro');
    customProvider({ languageModels: { coder: codewhale('deepseek:deepseek-v4-pro') }, fallbackProvider: codewhale });
  });

  it('does not compile a misspelt provider id in a literal route ref', () => {
    const codewhale = createCodewhale({ plugins });
    // @ts-expect-error "deepseeek" is not a registered provider id
    codewhale.languageModel('deepseeek:deepseek-v4-pro');
    // @ts-expect-error "togther" is not a registered provider id
    codewhale('togther:deepseek-ai/DeepSeek-V4-Pro');
    // @ts-expect-error "nvidia-nim" is not registered with this provider
    codewhale.route('nvidia-nim:deepseek-ai/deepseek-v4-pro', { reasoning: 'high' });
    // Refs without a provider, `auto`, Hugging Face style ids and strings known only at run time still compile.
    codewhale('deepseek-v4-pro');
    codewhale.route('auto', { purpose: 'review', requires: ['tools'] });
    codewhale('deepseek:auto');
    codewhale('org/Model-Name:novita');
    const fromUser: string = 'anything:typed-by-a-user';
    codewhale(fromUser);
  });

  it('checks provider ids from a typed registry too, and not from an untyped one', () => {
    const typed = createCodewhale({ registry: createRegistry({ plugins }) });
    // @ts-expect-error "deepseeek" is not a registered provider id
    typed('deepseeek:deepseek-v4-pro');
    typed('together:deepseek-ai/DeepSeek-V4-Pro');
    const untyped = createCodewhale({ registry: createRegistry({ plugins }) as Registry });
    untyped('deepseeek:deepseek-v4-pro');
  });

  it('takes route options with RouteRequest fields only, and no provider or model there', () => {
    const codewhale = createCodewhale({ plugins });
    // @ts-expect-error the provider comes from the ref
    codewhale.route('auto', { provider: 'deepseek' });
    // @ts-expect-error "fastest" is not a route preference
    codewhale.route('auto', { prefer: 'fastest' });
  });

  it('takes a session of language models, and gives a middleware wrapLanguageModel takes', () => {
    expectTypeOf<CodewhaleSession>().toEqualTypeOf<RouteSession<LanguageModelV4>>();
    // As the docs write it: the session is typed by its annotation, and names the provider made after it.
    const session: CodewhaleSession = createRouteSession({ resolver: () => codewhale.resolver });
    const codewhale = createCodewhale({ plugins, session, fallback: ['together:deepseek-ai/DeepSeek-V4-Pro'] });
    const standalone: CodewhaleSession = createRouteSession({ resolver: createCodewhale({ plugins }).resolver });
    expectTypeOf(standalone.current?.client).toEqualTypeOf<LanguageModelV4 | undefined>();
    wrapLanguageModel({
      model: codewhale('deepseek:deepseek-v4-pro'),
      middleware: createFailoverMiddleware({ session }),
    });
    // @ts-expect-error a session is not made from a plain object of another shape
    createFailoverMiddleware({ session: { current: undefined } });
  });
});
