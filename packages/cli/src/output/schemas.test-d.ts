import type { RouteExplanation } from '@codewhale/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CompareOutput } from '../commands/compare.js';
import type { ModelRow } from '../commands/models.js';
import type { ProviderRow } from '../commands/providers.js';
import type { ExplainOutput } from '../commands/route.js';
import type {
  compareOutputSchema,
  explainOutputSchema,
  modelsOutputSchema,
  providersOutputSchema,
  routeExplanationSchema,
} from './schemas.js';

/** The same shape without `readonly` (the schemas' inferred types are mutable). */
type Mutable<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

// Each assignment compiles only if the type a command prints fits the schema the docs publish.
describe('the output schemas describe what the commands print', () => {
  it("resolve prints core's RouteExplanation", () => {
    const printed = {} as Mutable<RouteExplanation>;
    const documented: z.input<typeof routeExplanationSchema> = printed;
    expectTypeOf(documented.route).toEqualTypeOf<string>();
  });

  it('explain, compare, models and providers', () => {
    const explain: z.input<typeof explainOutputSchema> = {} as Mutable<ExplainOutput>;
    const compare: z.input<typeof compareOutputSchema> = {} as Mutable<CompareOutput>;
    const models: z.input<typeof modelsOutputSchema> = {} as Mutable<{ schemaVersion: 1; models: ModelRow[] }>;
    const providers: z.input<typeof providersOutputSchema> = {} as Mutable<{
      schemaVersion: 1;
      providers: ProviderRow[];
    }>;
    expectTypeOf([
      explain.route,
      compare.model.id,
      models.models[0]?.ref,
      providers.providers[0]?.id,
    ]).items.toEqualTypeOf<string | undefined>();
  });
});
