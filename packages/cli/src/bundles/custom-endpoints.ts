// Custom endpoints from the config (`[providers.<x>] base_url`): their own bundle (dist/custom-endpoints.cjs) with zod
// and only the schemas a registry checks, loaded by the main bundle when the config names one.
export { validatedRegistry } from '../cli/validated-registry.js';
