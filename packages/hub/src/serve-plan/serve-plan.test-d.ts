import { expectTypeOf } from 'vitest';
import type { HubModelInfo } from '../hub-types.js';
import type { EstimateServeMemoryInput } from './estimate-serve-memory.js';
import type { ServeArg, ServeCommandsInput } from './serve-commands.js';
import type { ServeFact } from './serve-fact.js';

// The Hub client's parsed `safetensors.parameters` goes straight into the estimate.
expectTypeOf<NonNullable<HubModelInfo['safetensors']>['parameters']>().toExtend<
  NonNullable<EstimateServeMemoryInput['parameters']>
>();

// A fact is known with a value and source, or unknown with a reason: reading a value needs the check.
declare const fact: ServeFact;
if (fact.known) expectTypeOf(fact.value).toEqualTypeOf<number>();
else expectTypeOf(fact.reason).toEqualTypeOf<string>();
// @ts-expect-error an unknown fact has no value
fact.value;

// An argument is a literal or an environment reference, never a secret value typed into the plan.
expectTypeOf<ServeArg>().toEqualTypeOf<string | { readonly env: string }>();
expectTypeOf<ServeCommandsInput['runtime']>().toEqualTypeOf<'vllm' | 'sglang' | 'ollama' | 'llama.cpp'>();
