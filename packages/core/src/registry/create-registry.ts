import type { CatalogIssue } from '../errors/catalog-error.js';
import type { PluginIds, ProviderPlugin } from '../plugin/plugin-types.js';
import { modelProfileSchema } from '../schema/model-profile.js';
import { offeringEntrySchema } from '../schema/offering.js';
import { providerDescriptorSchema } from '../schema/provider-descriptor.js';
import { buildRegistry, type CreateRegistryOptions, type ShapeChecks } from './build-registry.js';
import { createFastOfferingCheck } from './fast-offering-check.js';
import type { Registry } from './registry-types.js';
import { catalogIssuesFromZod } from './zod-issues.js';

/** Shape checks against the zod schemas; offerings take the hand-written fast path and ask zod only for the details. */
const zodShapeChecks: ShapeChecks = {
  descriptor(value, path, issues) {
    const parsed = providerDescriptorSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    issues.push(...catalogIssuesFromZod(parsed.error, path, 'provider-descriptor.schema.json'));
    return undefined;
  },
  model(value, path, issues) {
    const parsed = modelProfileSchema.safeParse(value);
    if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, path, 'model-profile.schema.json'));
    return parsed.success;
  },
  offerings() {
    const isOfferingEntry = createFastOfferingCheck();
    return (value: unknown, path: string, issues: CatalogIssue[]) => {
      if (isOfferingEntry(value)) return true;
      const parsed = offeringEntrySchema.safeParse(value);
      if (!parsed.success) issues.push(...catalogIssuesFromZod(parsed.error, path, 'offerings.schema.json'));
      return false;
    };
  },
};

/**
 * Validate plugins and catalog data once and build the look-up indexes. Throws one {@link CatalogError}
 * listing every problem, among them two providers whose ids, aliases or config keys fold to one name
 * (`foldProviderName`) and a plugin declaring an environment variable another provider declares. The registry's
 * provider ids are typed from the plugins passed in.
 */
export function createRegistry<const Plugins extends readonly ProviderPlugin[]>(
  options: CreateRegistryOptions<Plugins>,
): Registry<PluginIds<Plugins>> {
  return buildRegistry(options, zodShapeChecks);
}

export type { CreateRegistryOptions };
