import { expectTypeOf, test } from 'vitest';
import { acmePlugin } from './__fixtures__/acme-plugin.js';
import {
  describePluginConformance,
  type ConformanceCheck,
  type PluginConformanceOptions,
} from './describe-plugin-conformance.js';

test('skip keys are the check names, each with a reason', () => {
  expectTypeOf<ConformanceCheck>().toEqualTypeOf<
    | 'registration'
    | 'provenance'
    | 'model-id-policy'
    | 'discovery'
    | 'malformed-listings'
    | 'canary'
    | 'health'
    | 'usage-meter'
    | 'reasoning'
  >();
  expectTypeOf<{ skip: { health: string } }>().toExtend<PluginConformanceOptions>();
  expectTypeOf<{ skip: { 'health-probe': string } }>().not.toExtend<PluginConformanceOptions>();
  expectTypeOf<{ skip: { health: true } }>().not.toExtend<PluginConformanceOptions>();
});

test('takes any provider plugin, and options are optional', () => {
  expectTypeOf(acmePlugin).toExtend<Parameters<typeof describePluginConformance>[0]>();
  expectTypeOf(describePluginConformance).returns.toBeVoid();
  expectTypeOf<{ listings: [{ name: string; body: unknown }] }>().toExtend<PluginConformanceOptions>();
  expectTypeOf<{ listings: [{ body: unknown }] }>().not.toExtend<PluginConformanceOptions>();
});
