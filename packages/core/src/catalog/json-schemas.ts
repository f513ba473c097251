import { z } from 'zod';
import { liveModelRecordSchema } from '../schema/live-model-record.js';
import { modelProfileSchema } from '../schema/model-profile.js';
import { modelRenamesFileSchema } from '../schema/model-renames.js';
import { offeringsFileSchema } from '../schema/offering.js';
import { providerDescriptorSchema } from '../schema/provider-descriptor.js';
import { servedNamesFileSchema } from '../schema/served-names.js';
import { userConfigSchema } from '../schema/user-config.js';

const sources = {
  'model-profile.schema.json': {
    schema: modelProfileSchema,
    title: 'CodeWhale model profile (catalog/models/<lab>/<id>.json)',
  },
  'offerings.schema.json': {
    schema: offeringsFileSchema,
    title: 'CodeWhale provider offerings (catalog/offerings/<plugin-id>.json)',
  },
  'served-names.schema.json': {
    schema: servedNamesFileSchema,
    title: 'CodeWhale served names (catalog/served-names/<plugin-id>.json)',
  },
  'model-renames.schema.json': {
    schema: modelRenamesFileSchema,
    title: 'CodeWhale wire-id renames (catalog/renames/<plugin-id>.json)',
  },
  'provider-descriptor.schema.json': { schema: providerDescriptorSchema, title: 'CodeWhale provider descriptor' },
  'live-model-record.schema.json': {
    schema: liveModelRecordSchema,
    title: 'CodeWhale live model record (cache entry)',
  },
  'config.schema.json': { schema: userConfigSchema, title: 'CodeWhale user config (config.toml)' },
} as const;

/** File name of one generated JSON Schema. @useDeclaredType */
export type CatalogSchemaName = keyof typeof sources;

/** JSON Schemas (draft 2020-12) for catalog files, the descriptor, live records and the user config. */
export function catalogJsonSchemas(): Record<CatalogSchemaName, Record<string, unknown>> {
  const out = {} as Record<CatalogSchemaName, Record<string, unknown>>;
  for (const [name, { schema, title }] of Object.entries(sources) as [
    CatalogSchemaName,
    (typeof sources)[CatalogSchemaName],
  ][]) {
    const generated = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    out[name] = { title, ...generated };
  }
  return out;
}
