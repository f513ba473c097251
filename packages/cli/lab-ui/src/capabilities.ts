// The route vocabularies the forms offer, straight from core's constants (a dependency-free module: only the used
// arrays are bundled), so the page never offers a value the CLI refuses.
export {
  CAPABILITY_NAMES as CAPABILITIES,
  type CapabilityName,
  REASONING_LEVELS,
  ROUTE_PREFERENCES as PREFERENCES,
} from '../../../core/src/schema/constants.js';
export { PURPOSE_DEFAULTS } from '../../../core/src/resolver/purpose-defaults.js';
